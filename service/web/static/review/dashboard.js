// The draft metrics dashboard (GET /v1/metrics/drafts, engineer key): three small plots drawn
// here as inline SVG. Labels come from the API (model names, prompt versions, flag codes) and
// are only ever set with textContent, never as markup.

import { api, apiError, el } from "./common.js";

const SVG = "http://www.w3.org/2000/svg";
// Wide: label | bar | value on one line. Narrow (a phone): the label above its bar, so the
// text keeps a readable size when the SVG is scaled to the screen.
const WIDE = { rowH: 26, labelW: 300, barW: 300, valueW: 170, stacked: false };
// Longer labels are cut with an ellipsis (the whole name is the row's tooltip).
const LABEL_CHARS = { wide: 40, narrow: 48 };
const NARROW = { rowH: 44, labelW: 0, barW: 190, valueW: 170, stacked: true };
const NARROW_BELOW_PX = 560;

function svgNode(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

/** The name a metrics group goes by: "model · prompt version". */
export function groupName(group) {
  return group.prompt_version ? `${group.model} · ${group.prompt_version}` : group.model;
}

/** Flag counts summed over every group: {code: {raised, fixed, ignored}}, by code. */
export function flagTotals(groups) {
  const totals = new Map();
  for (const group of groups) {
    for (const [code, counts] of Object.entries(group.flags || {})) {
      const sum = totals.get(code) || { raised: 0, fixed: 0, ignored: 0 };
      for (const key of ["raised", "fixed", "ignored"]) sum[key] += counts[key] || 0;
      totals.set(code, sum);
    }
  }
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * A horizontal bar chart: rows of {label, segments: [{value, kind}], text}; bars are scaled to
 * `max`. Returns a <figure> with the SVG (role img, named by its title) and a caption.
 */
function barChart({ id, title, rows, max, legend = [], layout }) {
  const { rowH, labelW, barW, valueW, stacked } = layout;
  const width = labelW + barW + valueW;
  const height = Math.max(rows.length, 1) * rowH + 8;
  const svg = svgNode("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width: "100%",
    role: "img",
    "aria-labelledby": `${id}-title`,
    class: "chart",
    id,
  });
  svg.append(svgNode("title", { id: `${id}-title` }, title));
  rows.forEach((row, i) => {
    const top = i * rowH + 4;
    const barY = stacked ? top + 20 : top + 3;
    const textY = barY + 14;
    const g = svgNode("g", { class: "chart-row", "data-label": row.label });
    g.append(svgNode("title", {}, `${row.label}: ${row.text}`));
    const limit = stacked ? LABEL_CHARS.narrow : LABEL_CHARS.wide;
    const shown = row.label.length > limit ? `${row.label.slice(0, limit - 1)}…` : row.label;
    g.append(stacked
      ? svgNode("text", { x: 0, y: top + 14, class: "chart-label" }, shown)
      : svgNode("text", { x: labelW - 8, y: textY, "text-anchor": "end", class: "chart-label" }, shown));
    g.append(svgNode("rect", { x: labelW, y: barY, width: barW, height: 18, class: "chart-track" }));
    let x = labelW;
    for (const segment of row.segments) {
      const w = max > 0 ? (segment.value / max) * barW : 0;
      if (w <= 0) continue;
      g.append(svgNode("rect", {
        x, y: barY, width: w, height: 18,
        class: `chart-bar bar-${segment.kind}`, "data-value": segment.value,
      }));
      x += w;
    }
    g.append(svgNode("text", { x: labelW + barW + 8, y: textY, class: "chart-value" }, row.text));
    svg.append(g);
  });
  const caption = el("figcaption", {}, el("strong", { text: title }));
  if (legend.length) {
    const keys = el("span", { class: "chart-legend" });
    for (const { kind, text } of legend) keys.append(el("span", { class: `swatch bar-${kind}` }), el("span", { text }));
    caption.append(" ", keys);
  }
  return el("figure", { class: "plot" }, caption, svg);
}

function percent(rate) {
  return rate === null || rate === undefined ? "–" : `${Math.round(rate * 1000) / 10}%`;
}

/** The dashboard for the API's `groups`, in the UI language `t`. */
export function renderDashboard(root, groups, t) {
  root.replaceChildren();
  const layout = root.clientWidth && root.clientWidth < NARROW_BELOW_PX ? NARROW : WIDE;
  if (!groups.length) {
    root.append(el("p", { class: "meta", text: t("metricsEmpty") }));
    return;
  }
  const totals = groups.reduce(
    (sum, g) => ({ drafts: sum.drafts + g.drafts, sent: sum.sent + g.sent, discarded: sum.discarded + g.discarded }),
    { drafts: 0, sent: 0, discarded: 0 },
  );
  root.append(el("p", { class: "meta", id: "metrics-totals", text: t("metricsTotals", totals) }));
  root.append(barChart({
    id: "chart-acceptance",
    layout,
    title: t("chartAcceptance"),
    max: 1,
    rows: groups.map((g) => ({
      label: groupName(g),
      segments: [{ value: g.acceptance_rate || 0, kind: "accepted" }],
      text: `${percent(g.acceptance_rate)} (${t("sentOf", { sent: g.sent, decided: g.sent + g.discarded })})`,
    })),
  }));
  const chars = groups.map((g) => g.mean_char_distance || 0);
  root.append(barChart({
    id: "chart-edits",
    layout,
    title: t("chartEdits"),
    max: Math.max(...chars),
    rows: groups.map((g) => ({
      label: groupName(g),
      segments: [{ value: g.mean_char_distance || 0, kind: "edits" }],
      text: g.mean_char_distance === null
        ? "–"
        : t("editsValue", { chars: g.mean_char_distance, tokens: g.mean_token_distance }),
    })),
  }));
  const flags = flagTotals(groups);
  if (!flags.length) {
    root.append(el("p", { class: "meta", text: t("metricsNoFlags") }));
    return;
  }
  root.append(barChart({
    id: "chart-flags",
    layout,
    title: t("chartFlags"),
    max: Math.max(...flags.map(([, c]) => c.raised)),
    legend: [
      { kind: "fixed", text: t("flagFixed") },
      { kind: "ignored", text: t("flagIgnored") },
      { kind: "open", text: t("flagOther") },
    ],
    rows: flags.map(([code, c]) => ({
      label: code,
      segments: [
        { value: c.fixed, kind: "fixed" },
        { value: c.ignored, kind: "ignored" },
        { value: Math.max(c.raised - c.fixed - c.ignored, 0), kind: "open" },
      ],
      text: t("flagValue", c),
    })),
  }));
}

/** Load the metrics for [from, to) (dates, optional) with `key`; null and a message on error. */
export async function loadMetrics(key, from, to) {
  const query = new URLSearchParams();
  if (from) query.set("from", `${from}T00:00:00Z`);
  if (to) query.set("to", `${to}T00:00:00Z`);
  const suffix = query.toString() ? `?${query}` : "";
  const response = await api(`/v1/metrics/drafts${suffix}`, { key });
  if (!response.ok) return { groups: null, error: await apiError(response) };
  return { groups: (await response.json()).groups, error: null };
}
