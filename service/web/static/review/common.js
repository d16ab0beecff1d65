// What the review page and the auditor view share: the API key kept in the browser session,
// calls to the API with it, the contract's error shape, and the UI language.
// Untrusted text is only ever put in the page with textContent (see el()).

const LANG_KEY = "replydraft.lang";

/** The API key stored for this page ("review" or "audit") in this tab's session, or null. */
export function storedKey(slot) {
  return sessionStorage.getItem(`replydraft.key.${slot}`);
}

/** Keep the key for the session only (sessionStorage: gone when the tab closes). */
export function storeKey(slot, key) {
  sessionStorage.setItem(`replydraft.key.${slot}`, key);
}

export function forgetKey(slot) {
  sessionStorage.removeItem(`replydraft.key.${slot}`);
}

/** fetch() against the app with the key (none in keyless demo mode). */
export function api(path, { key = null, method = "GET", body = undefined, accept = "application/json" } = {}) {
  const headers = { Accept: accept };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
  });
}

/** The contract's error of a failed response as {status, code, message}. */
export async function apiError(response) {
  let code = "http_error";
  let message = response.statusText || String(response.status);
  try {
    const data = await response.json();
    if (data && data.error) {
      code = data.error.code || code;
      message = data.error.message || message;
    }
  } catch {
    // not JSON: keep the status text
  }
  return { status: response.status, code, message };
}

/**
 * An element with attributes and children; strings become text nodes, never HTML.
 * Attribute names are fixed by this code, values may be untrusted (set with setAttribute).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** An http(s) URL as a string, or null: no javascript: or data: links from untrusted text. */
export function safeHttpUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The UI language machinery: `messages` maps a language to {key: text}; elements with
 * data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label) get the text.
 */
export function makeI18n(messages, onChange) {
  const supported = Object.keys(messages);
  const browser = (navigator.language || "en").slice(0, 2).toLowerCase();
  let lang = localStorage.getItem(LANG_KEY) || (supported.includes(browser) ? browser : "en");
  if (!supported.includes(lang)) lang = "en";

  function t(key, vars = {}) {
    const text = messages[lang][key] ?? messages.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
  }

  function apply(root = document) {
    document.documentElement.lang = lang;
    for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const node of root.querySelectorAll("[data-i18n-placeholder]")) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    }
    for (const node of root.querySelectorAll("[data-i18n-label]")) {
      node.setAttribute("aria-label", t(node.dataset.i18nLabel));
    }
  }

  function set(next) {
    if (!supported.includes(next)) return;
    lang = next;
    localStorage.setItem(LANG_KEY, next);
    apply();
    if (onChange) onChange(next);
  }

  return { t, apply, set, get lang() { return lang; } };
}

/**
 * The key panel: probe the API without a key (keyless demo mode), else with the stored key,
 * else ask for one. `probe(key)` returns a Response; resolves with the working key (or null
 * in keyless mode) once one works.
 */
export function setUpKey({ slot, probe, i18n, onReady }) {
  const panel = document.getElementById("key-panel");
  const form = document.getElementById("key-form");
  const input = document.getElementById("key-input");
  const error = document.getElementById("key-error");
  const forget = document.getElementById("forget-key");

  function ready(key) {
    panel.hidden = true;
    forget.hidden = key === null;
    onReady(key);
  }

  function ask(messageKey) {
    panel.hidden = false;
    forget.hidden = true;
    error.textContent = messageKey ? i18n.t(messageKey) : "";
    input.focus();
  }

  async function tryKey(key) {
    let response;
    try {
      response = await probe(key);
    } catch {
      return "errNetwork";
    }
    if (response.ok) return null;
    if (response.status === 401) return key ? "errKeyInvalid" : "needKey";
    if (response.status === 403) return "errKeyRole";
    return "errNetwork";
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    const problem = await tryKey(key);
    if (problem) {
      ask(problem);
      return;
    }
    storeKey(slot, key);
    input.value = "";
    ready(key);
  });

  forget.addEventListener("click", () => {
    forgetKey(slot);
    location.reload();
  });

  (async () => {
    const saved = storedKey(slot);
    if (saved && !(await tryKey(saved))) {
      ready(saved);
      return;
    }
    if (saved) forgetKey(slot);
    const keyless = await tryKey(null);
    if (keyless === null) ready(null);
    else ask(keyless === "needKey" ? null : keyless);
  })();
}
