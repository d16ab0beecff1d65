// The review page: draft (streamed), read the flags at their spans, edit, re-check, copy, send.
//
// The editor is a <textarea> (plain text in, plain text out: what is copied is exactly what is
// checked) over a backdrop <div> that repeats the same text with <mark> elements at the flags'
// spans. Both share font, padding, width and wrapping, so each mark sits under its words; the
// textarea is transparent and on top, so typing, selection, undo and spell-check are the
// browser's own. Flag messages show on hover (hit-testing the marks under the pointer) and on
// keyboard focus (when the caret is inside a flagged span: a tooltip plus a live region read by
// screen readers); the "To check" list has one button per flag that selects its span.
// A contenteditable div was the other option; it turns text into markup the browser rewrites
// on every edit, which makes spans and the copied text drift from what was checked.
//
// Report spans are code points (Python indices); JavaScript strings index UTF-16 code units,
// so spans are converted once when a report arrives (an emoji is two units, one code point).
// Customer and model text only ever reaches the page through textContent / value.

import { api, apiError, el, makeI18n, safeHttpUrl, setUpKey } from "./common.js";
import { loadMetrics, renderDashboard } from "./dashboard.js";

const MESSAGES = {
  en: {
    reviewTitle: "Review",
    language: "Language",
    forgetKey: "Forget key",
    keyTitle: "API key",
    keyHelp: "Enter an agent or engineer key. It is kept in this browser tab only and forgotten when the tab closes.",
    keyLabel: "API key",
    useKey: "Use this key",
    needKey: "Enter a key to continue.",
    errKeyInvalid: "This key is not valid (unknown or revoked).",
    errKeyRole: "This key's role may not draft. Use an agent or engineer key.",
    errNetwork: "The server could not be reached.",
    threadTitle: "Customer thread",
    messageLabel: "Customer's message",
    messagePlaceholder: "Paste the customer's latest message here",
    subjectLabel: "Subject (optional)",
    customerLabel: "Customer name (optional)",
    channelLabel: "Channel",
    channelEmail: "Email",
    channelChat: "Chat",
    channelSocial: "Social",
    voiceLabel: "Voice",
    kbLabel: "Knowledge base",
    noneOption: "(none)",
    draftButton: "Draft a reply",
    loadLabel: "Or open a stored draft by id",
    loadButton: "Open",
    draftTitle: "Draft",
    editorLabel: "Draft reply (editable)",
    stateEmpty: "No draft yet.",
    stateStreaming: "Drafting…",
    stateReady: "Ready to send",
    stateVerify: "Verify before send ({n})",
    stateBlocked: "Blocked ({n})",
    stateEdited: "Edited since the last check: re-check before sending.",
    sevBlock: "blocks sending",
    sevVerify: "verify",
    sevInfo: "note",
    recheck: "Re-check",
    copy: "Copy",
    markSent: "Mark as sent",
    discard: "Discard",
    reasonLabel: "Reason for discarding (optional)",
    reasonPlaceholder: "Reason (optional)",
    flagsTitle: "To check",
    asksTitle: "Customer's asks",
    citationsTitle: "Sources",
    redactionsTitle: "Personal data",
    noFlags: "Nothing to check.",
    noAsks: "No asks found.",
    noCitations: "No knowledge-base article used.",
    noRedactions: "None found.",
    inbound: "Masked before the model",
    outbound: "Found in the draft",
    wholeDraft: "whole draft",
    editedFlag: "edited: re-check",
    askAnswered: "answered",
    askPartial: "partly answered",
    askMissing: "not answered",
    askPending: "pending (promised follow-up)",
    jumpToAnswer: "Show the answer",
    flagAtCaret: "At the cursor: {messages}",
    meta: "{model} · {language} · {id}",
    drafting: "Drafting…",
    drafted: "Draft ready.",
    checking: "Checking…",
    checked: "Checked.",
    loaded: "Draft loaded. To re-check it, paste the customer's message on the left.",
    needThread: "Paste the customer's message on the left to re-check.",
    copied: "Copied to the clipboard.",
    copyFailed: "Could not copy: select the text and copy it by hand.",
    feedbackSent: "Recorded as sent.",
    feedbackDiscarded: "Recorded as discarded.",
    feedbackUnavailable: "Not recorded: this server does not accept feedback yet (HTTP {status}: {message}).",
    errorPrefix: "Failed:",
    streamBroken: "The stream ended before the report arrived. Try again.",
    keyExpired: "The key is no longer valid. Use “Forget key” and enter a new one.",
    metricsTitle: "Draft metrics",
    metricsHelp: "What agents did with the drafts: acceptance, edits, flags fixed or ignored. Needs an engineer key.",
    metricsFrom: "From (date, optional)",
    metricsTo: "Until (date, optional)",
    metricsLoad: "Show metrics",
    metricsLoading: "Loading…",
    metricsForbidden: "The metrics need an engineer key (this key's role may not read them).",
    metricsEmpty: "No drafts in this time range.",
    metricsNoFlags: "No flags were raised on drafts with feedback.",
    metricsTotals: "{drafts} drafts · {sent} sent · {discarded} discarded",
    chartAcceptance: "Acceptance rate (sent / sent + discarded)",
    chartEdits: "Mean edit distance between draft and sent text",
    chartFlags: "Flags by code: fixed by editing, or ignored",
    sentOf: "{sent} of {decided}",
    editsValue: "{chars} chars · {tokens} tokens",
    flagFixed: "fixed",
    flagIgnored: "ignored",
    flagOther: "not judged (no span, or the draft was discarded)",
    flagValue: "{fixed} fixed · {ignored} ignored / {raised}",
  },
  ja: {
    reviewTitle: "レビュー",
    language: "言語",
    forgetKey: "キーを消去",
    keyTitle: "APIキー",
    keyHelp: "エージェントまたはエンジニアのキーを入力してください。このタブの中だけに保存され、タブを閉じると消えます。",
    keyLabel: "APIキー",
    useKey: "このキーを使う",
    needKey: "続けるにはキーを入力してください。",
    errKeyInvalid: "このキーは無効です（不明または失効済み）。",
    errKeyRole: "このキーのロールでは下書きを作成できません。エージェントまたはエンジニアのキーを使ってください。",
    errNetwork: "サーバーに接続できません。",
    threadTitle: "お客様とのやり取り",
    messageLabel: "お客様のメッセージ",
    messagePlaceholder: "お客様の最新のメッセージを貼り付けてください",
    subjectLabel: "件名（任意）",
    customerLabel: "お客様の名前（任意）",
    channelLabel: "チャネル",
    channelEmail: "メール",
    channelChat: "チャット",
    channelSocial: "ソーシャル",
    voiceLabel: "ボイス",
    kbLabel: "ナレッジベース",
    noneOption: "（なし）",
    draftButton: "返信を下書き",
    loadLabel: "または保存済みの下書きをIDで開く",
    loadButton: "開く",
    draftTitle: "下書き",
    editorLabel: "返信の下書き（編集できます）",
    stateEmpty: "まだ下書きはありません。",
    stateStreaming: "下書き中…",
    stateReady: "送信できます",
    stateVerify: "送信前に確認（{n}件）",
    stateBlocked: "送信不可（{n}件）",
    stateEdited: "前回のチェック後に編集されています。送信前に再チェックしてください。",
    sevBlock: "送信不可",
    sevVerify: "要確認",
    sevInfo: "参考",
    recheck: "再チェック",
    copy: "コピー",
    markSent: "送信済みにする",
    discard: "破棄",
    reasonLabel: "破棄の理由（任意）",
    reasonPlaceholder: "理由（任意）",
    flagsTitle: "確認すること",
    asksTitle: "お客様のご要望",
    citationsTitle: "参照した記事",
    redactionsTitle: "個人情報",
    noFlags: "確認事項はありません。",
    noAsks: "ご要望は見つかりませんでした。",
    noCitations: "ナレッジベースの記事は使われていません。",
    noRedactions: "見つかりませんでした。",
    inbound: "モデルに送る前にマスク",
    outbound: "下書きの中で検出",
    wholeDraft: "下書き全体",
    editedFlag: "編集済み：再チェックしてください",
    askAnswered: "回答済み",
    askPartial: "一部回答",
    askMissing: "未回答",
    askPending: "保留（追って連絡）",
    jumpToAnswer: "回答を表示",
    flagAtCaret: "カーソル位置：{messages}",
    meta: "{model} · {language} · {id}",
    drafting: "下書き中…",
    drafted: "下書きができました。",
    checking: "チェック中…",
    checked: "チェックしました。",
    loaded: "下書きを開きました。再チェックするには、左側にお客様のメッセージを貼り付けてください。",
    needThread: "再チェックするには、左側にお客様のメッセージを貼り付けてください。",
    copied: "クリップボードにコピーしました。",
    copyFailed: "コピーできませんでした。テキストを選択して手動でコピーしてください。",
    feedbackSent: "送信済みとして記録しました。",
    feedbackDiscarded: "破棄として記録しました。",
    feedbackUnavailable: "記録されませんでした：このサーバーはまだフィードバックを受け付けていません（HTTP {status}：{message}）。",
    errorPrefix: "失敗しました：",
    streamBroken: "レポートが届く前にストリームが終了しました。もう一度お試しください。",
    keyExpired: "キーが無効になりました。「キーを消去」を押して新しいキーを入力してください。",
    metricsTitle: "下書きの指標",
    metricsHelp: "担当者が下書きをどう扱ったか：採用率、編集量、修正または無視されたフラグ。エンジニアキーが必要です。",
    metricsFrom: "開始日（任意）",
    metricsTo: "終了日（任意）",
    metricsLoad: "指標を表示",
    metricsLoading: "読み込み中…",
    metricsForbidden: "指標の表示にはエンジニアキーが必要です（このキーの役割では閲覧できません）。",
    metricsEmpty: "この期間の下書きはありません。",
    metricsNoFlags: "フィードバックのある下書きにフラグはありませんでした。",
    metricsTotals: "下書き {drafts} 件 · 送信 {sent} 件 · 破棄 {discarded} 件",
    chartAcceptance: "採用率（送信 / 送信＋破棄）",
    chartEdits: "下書きと送信文の平均編集距離",
    chartFlags: "コード別フラグ：編集で修正、または無視",
    sentOf: "{decided} 件中 {sent} 件",
    editsValue: "{chars} 文字 · {tokens} トークン",
    flagFixed: "修正",
    flagIgnored: "無視",
    flagOther: "判定なし（範囲なし、または下書き破棄）",
    flagValue: "修正 {fixed} · 無視 {ignored} / {raised}",
  },
};

const SEVERITY_ORDER = { block: 3, verify: 2, info: 1 };
const $ = (id) => document.getElementById(id);

const ui = {
  review: $("review"),
  editor: $("editor"),
  backdrop: $("backdrop"),
  tooltip: $("tooltip"),
  caretFlag: $("caret-flag"),
  state: $("state"),
  meta: $("draft-meta"),
  notice: $("notice"),
  flags: $("flags"),
  asks: $("asks"),
  citations: $("citations"),
  redactions: $("redactions"),
  voice: $("voice"),
  kb: $("kb"),
  buttons: ["recheck", "copy", "sent", "discard"].map($),
};

const state = {
  key: null,
  request: null, // the DraftRequest the current draft was made from (null: opened by id)
  draftId: null, // the draft that feedback is about
  report: null, // the last report (draft or check)
  checkedText: null, // the text that report describes
  text: "", // the editor's text as last rendered (to follow edits)
  ranges: [], // flags with a span, in UTF-16 units of state.text
  answers: new Map(), // question id -> span in UTF-16 units of state.text
  focus: null, // a span to outline (the last one jumped to)
  busy: false,
  metrics: null, // the last GET /v1/metrics/drafts groups shown
};

const i18n = makeI18n(MESSAGES, () => {
  renderReport();
  if (state.metrics) renderDashboard($("charts"), state.metrics, t);
});
const { t } = i18n;

// ---------- spans ----------

/** UTF-16 offset of every code point boundary of `text` (index: code point offset). */
function unitOffsets(text) {
  const offsets = [0];
  let unit = 0;
  for (const ch of text) {
    unit += ch.length;
    offsets.push(unit);
  }
  return offsets;
}

function toUnits(offsets, span) {
  if (!span) return null;
  const last = offsets.length - 1;
  return { start: offsets[Math.min(span.start, last)], end: offsets[Math.min(span.end, last)] };
}

/** Move spans after an edit; a span the edit touched is marked edited (it needs a re-check). */
function followEdit(oldText, newText) {
  const shortest = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shortest && oldText[prefix] === newText[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]
  ) {
    suffix++;
  }
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;
  const move = (span) => {
    if (span.end <= prefix) return true;
    if (span.start >= oldEnd) {
      span.start += delta;
      span.end += delta;
      return true;
    }
    return false;
  };
  for (const range of state.ranges) if (!range.edited && !move(range)) range.edited = true;
  for (const [id, span] of state.answers) if (!move(span)) state.answers.delete(id);
  if (state.focus && !move(state.focus)) state.focus = null;
}

function worstSeverity(ranges) {
  return ranges.reduce((worst, r) => (SEVERITY_ORDER[r.severity] > SEVERITY_ORDER[worst] ? r.severity : worst), "info");
}

// ---------- the editor and its highlights ----------

function autoGrow() {
  const editor = ui.editor;
  editor.style.height = "auto";
  const borders = editor.offsetHeight - editor.clientHeight;
  editor.style.height = `${editor.scrollHeight + borders}px`;
}

/** Repeat the editor's text in the backdrop with a <mark> per stretch of flagged text. */
function renderBackdrop() {
  const text = ui.editor.value;
  const live = state.ranges.filter((r) => !r.edited && r.end > r.start && r.end <= text.length);
  const focus = state.focus && state.focus.end <= text.length ? state.focus : null;
  const points = new Set([0, text.length]);
  for (const r of live) points.add(r.start).add(r.end);
  if (focus) points.add(focus.start).add(focus.end);
  const cuts = [...points].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = text.slice(a, b);
    const covering = live.filter((r) => r.start <= a && r.end >= b);
    const focused = focus !== null && focus.start <= a && focus.end >= b;
    if (covering.length) {
      nodes.push(
        el("mark", {
          class: `sev-${worstSeverity(covering)}${focused ? " focus" : ""}`,
          dataset: { flags: covering.map((r) => r.index).join(" ") },
          text: piece,
        }),
      );
    } else if (focused) {
      nodes.push(el("span", { class: "focus", text: piece }));
    } else {
      nodes.push(document.createTextNode(piece));
    }
  }
  // A trailing newline needs a character after it to take up its line, as in the textarea.
  if (text.endsWith("\n")) nodes.push(document.createTextNode(" "));
  ui.backdrop.replaceChildren(...nodes);
  autoGrow();
}

function flagsAt(offset) {
  return state.ranges.filter((r) => !r.edited && r.start <= offset && offset <= r.end && r.end > r.start);
}

function marksOf(index) {
  return [...ui.backdrop.querySelectorAll("mark")].filter((m) => m.dataset.flags.split(" ").includes(String(index)));
}

function showTooltip(ranges, x, y) {
  if (!ranges.length) {
    ui.tooltip.hidden = true;
    return;
  }
  ui.tooltip.replaceChildren(
    ...ranges.map((r) =>
      el("p", { class: `sev-${r.severity}` }, el("strong", { text: `${t(severityKey(r.severity))} · ${r.code}` }), " ", r.message),
    ),
  );
  ui.tooltip.hidden = false;
  const box = ui.tooltip.getBoundingClientRect();
  const left = Math.max(4, Math.min(x, window.innerWidth - box.width - 4));
  const top = y + box.height + 4 > window.innerHeight ? Math.max(4, y - box.height - 28) : y;
  ui.tooltip.style.left = `${left}px`;
  ui.tooltip.style.top = `${top}px`;
}

function onPointerMove(event) {
  const hit = [...ui.backdrop.querySelectorAll("mark")].find((mark) =>
    [...mark.getClientRects()].some(
      (r) => event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom,
    ),
  );
  if (!hit) {
    if (!ui.tooltip.dataset.caret) ui.tooltip.hidden = true;
    return;
  }
  const indices = hit.dataset.flags.split(" ").map(Number);
  delete ui.tooltip.dataset.caret;
  showTooltip(state.ranges.filter((r) => indices.includes(r.index)), event.clientX + 12, event.clientY + 18);
}

/** The flags under the caret: a tooltip below their text and a line for screen readers. */
function onCaret() {
  const editor = ui.editor;
  if (document.activeElement !== editor) return;
  const ranges = flagsAt(editor.selectionStart);
  if (!ranges.length) {
    ui.caretFlag.textContent = "";
    if (ui.tooltip.dataset.caret) ui.tooltip.hidden = true;
    return;
  }
  ui.caretFlag.textContent = t("flagAtCaret", { messages: ranges.map((r) => r.message).join(" / ") });
  const mark = marksOf(ranges[0].index)[0];
  if (!mark) return;
  const rect = mark.getClientRects()[0] || mark.getBoundingClientRect();
  ui.tooltip.dataset.caret = "1";
  showTooltip(ranges, rect.left, rect.bottom + 6);
}

function jumpTo(span) {
  state.focus = { start: span.start, end: span.end };
  renderBackdrop();
  const editor = ui.editor;
  editor.focus({ preventScroll: true });
  editor.setSelectionRange(span.start, span.end);
  const target = ui.backdrop.querySelector(".focus");
  if (target) target.scrollIntoView({ block: "center", behavior: "instant" });
  onCaret();
}

function onEdit() {
  const text = ui.editor.value;
  followEdit(state.text, text);
  state.text = text;
  renderBackdrop();
  renderFlags();
  renderState();
}

// ---------- the report panels ----------

function severityKey(severity) {
  return { block: "sevBlock", verify: "sevVerify", info: "sevInfo" }[severity] || "sevInfo";
}

function applyReport(report) {
  const offsets = unitOffsets(report.body);
  state.report = report;
  state.checkedText = report.body;
  state.text = report.body;
  state.focus = null;
  state.ranges = [];
  report.flags.forEach((flag, index) => {
    const span = toUnits(offsets, flag.span);
    if (span) state.ranges.push({ ...span, index, severity: flag.severity, code: flag.code, message: flag.message, edited: false });
  });
  state.answers = new Map();
  for (const q of report.questions) {
    const span = toUnits(offsets, q.answer_span);
    if (span) state.answers.set(q.id, span);
  }
  ui.editor.value = report.body;
  ui.editor.readOnly = false;
  renderReport();
}

function renderReport() {
  i18n.apply();
  renderBackdrop();
  renderState();
  renderFlags();
  const report = state.report;
  if (!report) return;
  ui.meta.textContent = t("meta", { model: report.model, language: report.language, id: state.draftId || report.draft_id });
  renderAsks(report);
  renderCitations(report);
  renderRedactions(report);
}

function renderState() {
  const node = ui.state;
  const report = state.report;
  if (ui.review.dataset.phase === "streaming") {
    node.dataset.state = "streaming";
    node.textContent = t("stateStreaming");
    return;
  }
  if (!report) {
    node.dataset.state = "empty";
    node.textContent = t("stateEmpty");
    return;
  }
  const blocked = report.flags.filter((f) => f.severity === "block").length;
  const verify = report.flags.filter((f) => f.severity === "verify").length;
  const [kind, text] = blocked
    ? ["blocked", t("stateBlocked", { n: blocked })]
    : verify
      ? ["verify", t("stateVerify", { n: verify })]
      : ["ready", t("stateReady")];
  node.dataset.state = kind;
  const edited = ui.editor.value !== state.checkedText;
  node.dataset.edited = String(edited);
  node.replaceChildren(el("strong", { text }));
  if (edited) node.append(el("span", { class: "edited", text: t("stateEdited") }));
}

function renderFlags() {
  const report = state.report;
  if (!report) {
    ui.flags.replaceChildren();
    return;
  }
  if (!report.flags.length) {
    ui.flags.replaceChildren(el("li", { class: "none", text: t("noFlags") }));
    return;
  }
  const order = report.flags
    .map((flag, index) => ({ flag, index }))
    .sort((a, b) => SEVERITY_ORDER[b.flag.severity] - SEVERITY_ORDER[a.flag.severity]);
  ui.flags.replaceChildren(
    ...order.map(({ flag, index }) => {
      const range = state.ranges.find((r) => r.index === index);
      const label = [
        el("span", { class: `badge sev-${flag.severity}`, text: t(severityKey(flag.severity)) }),
        el("code", { text: flag.code }),
        el("span", { class: "message", text: flag.message }),
      ];
      if (!range) label.push(el("span", { class: "where", text: `(${t("wholeDraft")})` }));
      else if (range.edited) label.push(el("span", { class: "where", text: `(${t("editedFlag")})` }));
      const body =
        range && !range.edited
          ? el("button", { type: "button", class: "flag", dataset: { index: String(index) } }, ...label)
          : el("div", { class: "flag" }, ...label);
      if (range && !range.edited) body.addEventListener("click", () => jumpTo(range));
      return el("li", { class: `sev-${flag.severity}` }, body);
    }),
  );
}

function renderAsks(report) {
  if (!report.questions.length) {
    ui.asks.replaceChildren(el("li", { class: "none", text: t("noAsks") }));
    return;
  }
  const statusKey = { answered: "askAnswered", partial: "askPartial", missing: "askMissing", pending: "askPending" };
  const icon = { answered: "✓", partial: "◐", missing: "✗", pending: "…" };
  ui.asks.replaceChildren(
    ...report.questions.map((q) => {
      const status = el("span", { class: `status ${q.status}`, text: `${icon[q.status] || "?"} ${t(statusKey[q.status] || q.status)}` });
      const span = state.answers.get(q.id);
      const text = el("span", { class: "ask-text", text: q.text });
      if (!span) return el("li", { dataset: { status: q.status, question: q.id } }, el("div", { class: "ask" }, status, text));
      const button = el("button", { type: "button", class: "ask", title: t("jumpToAnswer") }, status, text);
      button.addEventListener("click", () => jumpTo(span));
      return el("li", { dataset: { status: q.status, question: q.id } }, button);
    }),
  );
}

function renderCitations(report) {
  if (!report.citations.length) {
    ui.citations.replaceChildren(el("li", { class: "none", text: t("noCitations") }));
    return;
  }
  ui.citations.replaceChildren(
    ...report.citations.map((c) => {
      const href = c.url ? safeHttpUrl(c.url) : null;
      const title = href
        ? el("a", { href, target: "_blank", rel: "noopener noreferrer", text: c.title })
        : el("span", { text: c.title });
      return el("li", {}, title, " ", el("code", { text: c.article_id }));
    }),
  );
}

function renderRedactions(report) {
  const groups = [
    ["inbound", report.redactions.inbound],
    ["outbound", report.redactions.outbound],
  ].filter(([, counts]) => Object.keys(counts).length);
  if (!groups.length) {
    ui.redactions.replaceChildren(el("p", { class: "none", text: t("noRedactions") }));
    return;
  }
  ui.redactions.replaceChildren(
    ...groups.map(([direction, counts]) =>
      el(
        "div",
        { class: `redaction-group ${direction}` },
        el("p", { class: "group-title", text: t(direction) }),
        el(
          "ul",
          {},
          ...Object.entries(counts).map(([type, n]) => el("li", {}, el("code", { text: type }), ` × ${n}`)),
        ),
      ),
    ),
  );
}

function setPhase(phase) {
  ui.review.dataset.phase = phase;
  state.busy = phase === "streaming" || phase === "checking";
  const usable = !state.busy && state.report !== null;
  for (const button of ui.buttons) button.disabled = !usable;
  $("draft-button").disabled = state.busy;
  renderState();
}

function say(key, vars = {}, isError = false) {
  ui.notice.textContent = t(key, vars);
  ui.notice.classList.toggle("error", isError);
}

function sayError(error) {
  if (error.status === 401) {
    say("keyExpired", {}, true);
    return;
  }
  ui.notice.textContent = `${t("errorPrefix")} ${error.message} (${error.code}, HTTP ${error.status})`;
  ui.notice.classList.add("error");
}

// ---------- talking to the API ----------

function requestFromForm() {
  const message = $("message").value;
  if (!message.trim()) return null;
  const subject = $("subject").value.trim();
  const name = $("customer-name").value.trim();
  const request = {
    thread: {
      channel: $("channel").value,
      messages: [{ role: "customer", body: message, ...(name ? { author_name: name } : {}) }],
      ...(subject ? { subject } : {}),
    },
    customer: name ? { name } : {},
  };
  if (ui.voice.value) request.voice_id = ui.voice.value;
  if (ui.kb.value) request.knowledge_base_id = ui.kb.value;
  return request;
}

function parseEvent(block) {
  let event = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return { event, data: data.join("\n") };
}

async function draft(event) {
  event.preventDefault();
  const request = requestFromForm();
  if (!request || state.busy) return;
  state.report = null;
  state.ranges = [];
  state.answers = new Map();
  ui.editor.value = "";
  ui.editor.readOnly = true;
  ui.meta.textContent = "";
  for (const list of [ui.flags, ui.asks, ui.citations, ui.redactions]) list.replaceChildren();
  setPhase("streaming");
  say("drafting");
  let report = null;
  let failure = null;
  try {
    const response = await api("/v1/drafts/stream", { key: state.key, method: "POST", body: request, accept: "text/event-stream" });
    if (!response.ok) {
      sayError(await apiError(response));
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n/g, "\n");
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const message = parseEvent(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (message.event === "delta") {
          ui.editor.value += JSON.parse(message.data).text;
          renderBackdrop();
        } else if (message.event === "restart") {
          // A model failed mid-draft; a retry, fallback or the offline drafter starts again.
          ui.editor.value = "";
          renderBackdrop();
        } else if (message.event === "report") {
          report = JSON.parse(message.data);
        } else if (message.event === "error") {
          failure = JSON.parse(message.data).error;
        }
      }
    }
  } catch {
    say("errNetwork", {}, true);
    return;
  } finally {
    if (!report) {
      ui.editor.readOnly = state.report === null;
      setPhase(state.report ? "ready" : "empty");
    }
  }
  if (!report && failure) {
    // The draft failed after text had streamed: the stream carries the error object.
    ui.notice.textContent = `${t("errorPrefix")} ${failure.message} (${failure.code})`;
    ui.notice.classList.add("error");
    return;
  }
  if (!report) {
    say("streamBroken", {}, true);
    return;
  }
  state.request = request;
  state.draftId = report.draft_id;
  applyReport(report);
  setPhase("ready");
  say("drafted");
}

async function recheck() {
  const request = state.request || requestFromForm();
  if (!request) {
    say("needThread", {}, true);
    $("message").focus();
    return;
  }
  setPhase("checking");
  say("checking");
  try {
    const response = await api("/v1/checks", { key: state.key, method: "POST", body: { ...request, draft: ui.editor.value } });
    if (!response.ok) {
      sayError(await apiError(response));
      return;
    }
    applyReport(await response.json());
    say("checked");
  } catch {
    say("errNetwork", {}, true);
  } finally {
    setPhase(state.report ? "ready" : "empty");
  }
}

async function openStored(event) {
  event.preventDefault();
  const id = $("draft-id").value.trim();
  if (!id || state.busy) return;
  try {
    const response = await api(`/v1/drafts/${encodeURIComponent(id)}`, { key: state.key });
    if (!response.ok) {
      sayError(await apiError(response));
      return;
    }
    const report = await response.json();
    state.request = null;
    state.draftId = report.draft_id;
    applyReport(report);
    setPhase("ready");
    say("loaded");
  } catch {
    say("errNetwork", {}, true);
  }
}

async function copyText() {
  try {
    await navigator.clipboard.writeText(ui.editor.value);
    say("copied");
  } catch {
    ui.editor.select();
    say(document.execCommand("copy") ? "copied" : "copyFailed", {}, false);
  }
}

async function feedback(kind) {
  if (!state.draftId) return;
  const reason = $("reason").value.trim();
  const body = kind === "sent" ? { sent_text: ui.editor.value } : { discarded: true, ...(reason ? { reason } : {}) };
  try {
    const response = await api(`/v1/drafts/${encodeURIComponent(state.draftId)}/feedback`, { key: state.key, method: "POST", body });
    if (response.ok) {
      say(kind === "sent" ? "feedbackSent" : "feedbackDiscarded");
      return;
    }
    const error = await apiError(response);
    if (error.status === 404 || error.status === 405) say("feedbackUnavailable", error, true);
    else sayError(error);
  } catch {
    say("errNetwork", {}, true);
  }
}

async function fillChoices(path, field, select) {
  try {
    const response = await api(path, { key: state.key });
    if (!response.ok) return;
    const items = (await response.json())[field];
    select.append(...items.map((item) => el("option", { value: item.id, text: item.id })));
  } catch {
    // the lists are a convenience: drafting works without them
  }
}

// ---------- metrics dashboard ----------

async function showMetrics(event) {
  event.preventDefault();
  const status = $("metrics-status");
  status.classList.remove("error");
  status.textContent = t("metricsLoading");
  try {
    const { groups, error } = await loadMetrics(state.key, $("metrics-from").value, $("metrics-to").value);
    if (error) {
      status.textContent = error.status === 403 ? t("metricsForbidden") : `${t("errorPrefix")} ${error.message} (${error.code}, HTTP ${error.status})`;
      status.classList.add("error");
      return;
    }
    state.metrics = groups;
    status.textContent = "";
    renderDashboard($("charts"), groups, t);
  } catch {
    status.textContent = t("errNetwork");
    status.classList.add("error");
  }
}

// ---------- start ----------

function start(key) {
  state.key = key;
  $("workspace").hidden = false;
  fillChoices("/v1/voices", "voices", ui.voice);
  fillChoices("/v1/knowledge-bases", "knowledge_bases", ui.kb);
  $("message").focus();
}

function wire() {
  const lang = $("lang");
  lang.value = i18n.lang;
  lang.addEventListener("change", () => i18n.set(lang.value));
  i18n.apply();
  renderState();
  $("draft-form").addEventListener("submit", draft);
  $("load-form").addEventListener("submit", openStored);
  $("metrics-form").addEventListener("submit", showMetrics);
  $("recheck").addEventListener("click", recheck);
  $("copy").addEventListener("click", copyText);
  $("sent").addEventListener("click", () => feedback("sent"));
  $("discard").addEventListener("click", () => feedback("discarded"));
  const editor = ui.editor;
  editor.addEventListener("input", onEdit);
  editor.addEventListener("pointermove", onPointerMove);
  editor.addEventListener("pointerleave", () => {
    if (!ui.tooltip.dataset.caret) ui.tooltip.hidden = true;
  });
  for (const name of ["keyup", "click", "focus", "select"]) editor.addEventListener(name, onCaret);
  editor.addEventListener("blur", () => {
    ui.tooltip.hidden = true;
    delete ui.tooltip.dataset.caret;
  });
  window.addEventListener("resize", () => {
    renderBackdrop();
    if (state.metrics) renderDashboard($("charts"), state.metrics, t);
  });
  window.addEventListener("scroll", () => {
    ui.tooltip.hidden = true;
  }, { passive: true });
  setUpKey({ slot: "review", probe: (key) => api("/v1/voices", { key }), i18n, onReady: start });
}

wire();
