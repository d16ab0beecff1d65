// The auditor view: the redaction log as a filtered, paginated table, the chain's verification
// status and the exports. Records carry types, offsets and HMACs, never values; every cell is
// set with textContent all the same.

import { api, apiError, el, makeI18n, setUpKey } from "../review/common.js";

const MESSAGES = {
  en: {
    auditTitle: "Redaction audit log",
    language: "Language",
    forgetKey: "Forget key",
    keyTitle: "Auditor key",
    keyHelp: "Enter an auditor key. It is kept in this browser tab only and forgotten when the tab closes.",
    keyLabel: "API key",
    useKey: "Use this key",
    errKeyInvalid: "This key is not valid (unknown or revoked).",
    errKeyRole: "This key's role may not read the audit log. Use an auditor key.",
    errNetwork: "The server could not be reached.",
    chainTitle: "Chain",
    chainOk: "Chain intact: {checked} records checked (head #{seq}, {hash}).",
    chainEmpty: "Chain intact: the log is empty.",
    chainOkTenant: "Chain intact: {checked} of your tenant's records checked (latest #{seq}, {hash}).",
    chainEmptyTenant: "Chain intact: your tenant has no records yet.",
    chainBroken: "Chain broken at record #{seq}: {reason}",
    chainBrokenUnnamed: "Chain broken: {reason}",
    chainChecking: "Verifying the chain…",
    verifyAgain: "Verify again",
    exportLabel: "Export the whole log:",
    exported: "Exported {name}.",
    filtersTitle: "Filters",
    fromLabel: "From (UTC)",
    toLabel: "Until (UTC, exclusive)",
    directionLabel: "Direction",
    any: "(any)",
    dir_inbound: "inbound (masked before the model)",
    dir_outbound: "outbound (found in a draft)",
    dir_restore: "restore",
    entityLabel: "Entity type",
    draftLabel: "Draft id",
    pageSizeLabel: "Rows per page",
    apply: "Apply",
    reset: "Reset",
    logTitle: "Records",
    pagerLabel: "Pages",
    prev: "Previous",
    next: "Next",
    pageInfo: "Page {page} · {rows} records",
    noRows: "No records match these filters.",
    loading: "Loading…",
    errorPrefix: "Failed:",
    colTime: "Time (UTC)",
    colDirection: "Direction",
    colEntity: "Entity type",
    colRecognizer: "Recognizer",
    colScore: "Score",
    colAction: "Action",
    colDraft: "Draft id",
    colSeq: "#",
    col_source_field: "Source field",
    col_source: "Source",
    col_destination: "Destination",
    col_key_id: "API key id",
  },
  ja: {
    auditTitle: "マスキング監査ログ",
    language: "言語",
    forgetKey: "キーを消去",
    keyTitle: "監査用キー",
    keyHelp: "監査担当者（auditor）のキーを入力してください。このタブの中だけに保存され、タブを閉じると消えます。",
    keyLabel: "APIキー",
    useKey: "このキーを使う",
    errKeyInvalid: "このキーは無効です（不明または失効済み）。",
    errKeyRole: "このキーのロールでは監査ログを読めません。監査用キーを使ってください。",
    errNetwork: "サーバーに接続できません。",
    chainTitle: "チェーン",
    chainOk: "チェーンは正常です：{checked}件を検証（先頭 #{seq}、{hash}）。",
    chainEmpty: "チェーンは正常です：ログは空です。",
    chainOkTenant: "チェーンは正常です：このテナントの記録{checked}件を検証（最新 #{seq}、{hash}）。",
    chainEmptyTenant: "チェーンは正常です：このテナントの記録はまだありません。",
    chainBroken: "レコード #{seq} でチェーンが壊れています：{reason}",
    chainBrokenUnnamed: "チェーンが壊れています：{reason}",
    chainChecking: "チェーンを検証中…",
    verifyAgain: "再検証",
    exportLabel: "ログ全体をエクスポート：",
    exported: "{name} をエクスポートしました。",
    filtersTitle: "絞り込み",
    fromLabel: "開始（UTC）",
    toLabel: "終了（UTC、この時刻を含まない）",
    directionLabel: "方向",
    any: "（すべて）",
    dir_inbound: "inbound（モデルに送る前にマスク）",
    dir_outbound: "outbound（下書きの中で検出）",
    dir_restore: "restore（復元）",
    entityLabel: "エンティティの種類",
    draftLabel: "下書きID",
    pageSizeLabel: "1ページの行数",
    apply: "適用",
    reset: "リセット",
    logTitle: "レコード",
    pagerLabel: "ページ",
    prev: "前へ",
    next: "次へ",
    pageInfo: "{page}ページ目 · {rows}件",
    noRows: "条件に合うレコードはありません。",
    loading: "読み込み中…",
    errorPrefix: "失敗しました：",
    colTime: "日時（UTC）",
    colDirection: "方向",
    colEntity: "種類",
    colRecognizer: "認識器",
    colScore: "スコア",
    colAction: "処理",
    colDraft: "下書きID",
    colSeq: "#",
    col_source_field: "入力元",
    col_source: "入力元",
    col_destination: "送信先",
    col_key_id: "APIキーID",
  },
};

const $ = (id) => document.getElementById(id);

const formatTime = (value) => (value ? String(value).replace("T", " ").replace(/\.\d+/, "").replace(/\+00:00$/, "Z") : "");
const formatScore = (value) => (typeof value === "number" ? value.toFixed(2) : "");

// [field, header message key, formatter]
const COLUMNS = [
  ["seq", "colSeq", String],
  ["timestamp", "colTime", formatTime],
  ["direction", "colDirection", String],
  ["entity_type", "colEntity", String],
  ["recognizer", "colRecognizer", String],
  ["score", "colScore", formatScore],
  ["action", "colAction", String],
  ["draft_id", "colDraft", String],
];
// Fields not worth a column (hashes, offsets, ids that mean nothing on screen); any other field
// a newer server sends (e.g. where a value came from and went to) gets a column of its own.
const HIDDEN = new Set([
  "schema_version", "record_id", "request_id", "tenant", "start", "end", "policy_version",
  "value_hmac", "checkpoint", "prev_hash", "hash",
]);

const i18n = makeI18n(MESSAGES, () => render());
const { t } = i18n;

const view = {
  key: null,
  cursors: [null], // cursor of each page visited; the last is the current page
  entries: [],
  nextCursor: null,
  entityTypes: new Set(),
  verify: null,
};

function say(text, isError = false) {
  const notice = $("notice");
  notice.textContent = text;
  notice.classList.toggle("error", isError);
}

async function sayError(response) {
  const error = await apiError(response);
  say(`${t("errorPrefix")} ${error.message} (${error.code}, HTTP ${error.status})`, true);
}

/** The datetime-local value as a UTC instant ("2026-11-29T10:00" -> "...:00Z"). */
function utc(value) {
  if (!value) return null;
  return value.length === 16 ? `${value}:00Z` : `${value}Z`;
}

function query() {
  const params = new URLSearchParams();
  const fields = [
    ["from", utc($("from").value)],
    ["to", utc($("to").value)],
    ["direction", $("direction").value],
    ["entity_type", $("entity-type").value.trim()],
    ["draft_id", $("draft-id").value.trim()],
    ["limit", $("page-size").value],
    ["cursor", view.cursors[view.cursors.length - 1]],
  ];
  for (const [name, value] of fields) if (value) params.set(name, value);
  return params;
}

async function load() {
  $("page-info").textContent = t("loading");
  try {
    const response = await api(`/v1/audit/redactions?${query()}`, { key: view.key });
    if (!response.ok) {
      $("page-info").textContent = "";
      await sayError(response);
      return;
    }
    const page = await response.json();
    view.entries = page.entries;
    view.nextCursor = page.next_cursor;
    for (const entry of page.entries) if (entry.entity_type) view.entityTypes.add(entry.entity_type);
    say("");
    render();
  } catch {
    say(t("errNetwork"), true);
  }
}

function columns() {
  const known = new Set(COLUMNS.map(([name]) => name));
  const extra = [];
  for (const entry of view.entries) {
    for (const [name, value] of Object.entries(entry)) {
      const scalar = value === null || ["string", "number", "boolean"].includes(typeof value);
      if (scalar && !known.has(name) && !HIDDEN.has(name) && !extra.includes(name)) extra.push(name);
    }
  }
  return [...COLUMNS, ...extra.map((name) => [name, `col_${name}`, (v) => (v === null || v === undefined ? "" : String(v))])];
}

function header(key, name) {
  const text = t(key);
  return text === key ? name : text;
}

function render() {
  i18n.apply();
  renderChain();
  const cols = columns();
  $("log-head").replaceChildren(...cols.map(([name, key]) => el("th", { scope: "col", text: header(key, name) })));
  const rows = view.entries.map((entry) =>
    el(
      "tr",
      { dataset: { seq: String(entry.seq), action: entry.action } },
      ...cols.map(([name, , format]) => el("td", { class: `c-${name}`, text: entry[name] === null || entry[name] === undefined ? "" : format(entry[name]) })),
    ),
  );
  if (!rows.length) rows.push(el("tr", {}, el("td", { colspan: String(cols.length), class: "none", text: t("noRows") })));
  $("rows").replaceChildren(...rows);
  $("page-info").textContent = t("pageInfo", { page: view.cursors.length, rows: view.entries.length });
  $("prev").disabled = view.cursors.length <= 1;
  $("next").disabled = !view.nextCursor;
  $("entity-types").replaceChildren(...[...view.entityTypes].sort().map((type) => el("option", { value: type })));
}

function renderChain() {
  const node = $("chain");
  const result = view.verify;
  if (!result) {
    node.dataset.state = "empty";
    node.textContent = t("chainChecking");
    return;
  }
  if (!result.ok) {
    node.dataset.state = "blocked";
    // No seq: a tenant auditor is not told where another tenant's record breaks (the reason
    // says so); "record #?" would read as a fault of the page.
    const named = result.first_bad_seq !== null && result.first_bad_seq !== undefined;
    node.textContent = t(named ? "chainBroken" : "chainBrokenUnnamed", { seq: result.first_bad_seq, reason: result.reason || "" });
    return;
  }
  node.dataset.state = "ready";
  // scope "tenant": the figures are the auditor's tenant's records, not the whole chain's.
  const tenant = result.scope === "tenant";
  node.textContent = result.head_seq
    ? t(tenant ? "chainOkTenant" : "chainOk", { checked: result.checked, seq: result.head_seq, hash: `${(result.head_hash || "").slice(0, 16)}…` })
    : t(tenant ? "chainEmptyTenant" : "chainEmpty");
}

async function verify() {
  view.verify = null;
  renderChain();
  try {
    const response = await api("/v1/audit/verify", { key: view.key });
    if (!response.ok) {
      await sayError(response);
      return;
    }
    view.verify = await response.json();
    renderChain();
  } catch {
    say(t("errNetwork"), true);
  }
}

async function exportLog(format) {
  try {
    const response = await api(`/v1/audit/export?format=${format}`, { key: view.key, accept: "*/*" });
    if (!response.ok) {
      await sayError(response);
      return;
    }
    const disposition = response.headers.get("content-disposition") || "";
    const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || `replydraft-audit.${format}`;
    const url = URL.createObjectURL(await response.blob());
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    say(t("exported", { name }));
  } catch {
    say(t("errNetwork"), true);
  }
}

function start(key) {
  view.key = key;
  $("workspace").hidden = false;
  verify();
  load();
}

function wire() {
  const lang = $("lang");
  lang.value = i18n.lang;
  lang.addEventListener("change", () => i18n.set(lang.value));
  i18n.apply();
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    view.cursors = [null];
    load();
  });
  $("filters").addEventListener("reset", () => {
    view.cursors = [null];
    setTimeout(load, 0); // after the browser has cleared the fields
  });
  $("next").addEventListener("click", () => {
    if (!view.nextCursor) return;
    view.cursors.push(view.nextCursor);
    load();
  });
  $("prev").addEventListener("click", () => {
    if (view.cursors.length <= 1) return;
    view.cursors.pop();
    load();
  });
  $("reverify").addEventListener("click", verify);
  for (const id of ["export-jsonl", "export-csv"]) {
    $(id).addEventListener("click", (event) => exportLog(event.currentTarget.dataset.format));
  }
  setUpKey({ slot: "audit", probe: (key) => api("/v1/audit/verify", { key }), i18n, onReady: start });
}

wire();
