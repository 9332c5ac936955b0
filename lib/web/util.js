// Small helpers shared by the page's modules. Every string from the server goes into the page
// through textContent, never as HTML.

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

export function duration(seconds) {
  seconds = Math.max(0, Math.floor(seconds));
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds / 3600) % 24;
  const m = Math.floor(seconds / 60) % 60, s = seconds % 60;
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${s}s`;
  return `${s}s`;
}

/** Copies text; where the clipboard is not allowed, selects it so Ctrl-C does the rest. */
export async function copy(text, node, button) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch (error) {
    const range = document.createRange();
    range.selectNodeContents(node);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    button.textContent = "Selected";
  }
  setTimeout(() => (button.textContent = label), 1500);
}

/** POST to the page's own API; resolves to the JSON answer, throws an Error with its message. */
export async function post(path) {
  let response;
  try {
    response = await fetch(path, { method: "POST", credentials: "same-origin" });
  } catch (error) {
    throw new Error("the ui server did not answer");
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok || body.ok === false) {
    throw new Error(body.message || body.error || `HTTP ${response.status}`);
  }
  return body;
}

export function instancePath(id) {
  return `/api/instances/${encodeURIComponent(id)}`;
}

// Foreman's colour cycle, as the terminal prefixes use it: a process's colour is its place in the stack.
export const COLOURS = 12;
