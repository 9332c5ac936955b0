// The log view: one instance's output, all processes or one, live over server-sent events, with
// the terminal's coloured prefixes, a bounded buffer, follow/pause and a filter.
import { el, instancePath, COLOURS } from "./util.js";

const MAX_LINES = 2000;
const TAIL = 300;
const panel = document.getElementById("logs");
const body = document.getElementById("logs-body");
const title = document.getElementById("logs-title");
const select = document.getElementById("logs-process");
const filterBox = document.getElementById("logs-filter");
const followButton = document.getElementById("logs-follow");
const status = document.getElementById("logs-status");

let view = null; // { id, process }
let source = null;
let following = true;
let unseen = 0;
let pending = [];
let scheduled = false;
let processOrder = new Map(); // process name -> colour index
let ended = false;
let latest = [];

/** The latest instances, for the process list and the colours. */
export function setInstances(instances) {
  latest = instances;
  if (!view) return;
  const instance = instances.find((i) => i.instance === view.id);
  if (!instance) return;
  processOrder = new Map((instance.processes || []).map((p, n) => [p.name, n]));
  const names = [...processOrder.keys()];
  const current = [...select.options].map((o) => o.value).slice(1);
  if (names.join("\n") !== current.join("\n")) {
    select.replaceChildren(new Option("all processes", ""), ...names.map((n) => new Option(n, n)));
    select.value = view.process || "";
  }
}

export function openLogs(id, process) {
  view = { id, process };
  panel.hidden = false;
  document.body.classList.add("with-logs");
  title.textContent = `${id} · ${process || "all processes"}`;
  select.replaceChildren(new Option("all processes", ""));
  setInstances(latest);
  select.value = process || "";
  restart();
  body.focus({ preventScroll: true });
}

export function closeLogs() {
  view = null;
  stopStream();
  panel.hidden = true;
  document.body.classList.remove("with-logs");
}

/** The server came back: pick the stream up again (its tail replaces what we had). */
export function resumeLogs() {
  if (view && (source === null || ended)) restart();
}

/** The server is gone: the stream is dead; say so in the view. */
export function suspendLogs() {
  if (!view) return;
  stopStream();
  setStatus("paused: the ui server is gone");
}

function restart() {
  stopStream();
  body.replaceChildren();
  unseen = 0;
  ended = false;
  setStatus("connecting…");
  const query = new URLSearchParams({ lines: TAIL });
  if (view.process) query.set("process", view.process);
  source = new EventSource(`${instancePath(view.id)}/logs/stream?${query}`);
  source.onopen = () => setStatus("");
  source.onmessage = (event) => {
    let line;
    try {
      line = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    pending.push(line);
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(flush);
    }
  };
  source.addEventListener("end", () => {
    ended = true;
    stopStream();
    setStatus(`${view.id} has stopped; its log ends here`);
  });
  source.onerror = () => {
    // The page's own connection watch decides whether the server is gone; a 404 (no such instance) ends here.
    stopStream();
    setStatus("log stream closed");
  };
}

function stopStream() {
  if (source) source.close();
  source = null;
}

function flush() {
  scheduled = false;
  const lines = pending;
  pending = [];
  const filter = filterBox.value.toLowerCase();
  const nodes = lines.map((l) => lineNode(l, filter));
  body.append(...nodes);
  while (body.childElementCount > MAX_LINES) body.firstElementChild.remove();
  if (following) body.scrollTop = body.scrollHeight;
  else unseen += lines.length;
  showCounts();
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

function lineNode(line, filter) {
  const row = el("div", "log-line");
  const process = line.process || "";
  const text = (line.text !== undefined ? line.text : line.line || "").replace(ANSI, "");
  const colour = processOrder.has(process) ? processOrder.get(process) : hashColour(process);
  const width = Math.max(process.length, ...[...processOrder.keys()].map((n) => n.length));
  row.append(el("span", `log-prefix c${colour % COLOURS}`, process.padEnd(width)), el("span", "log-bar", " | "),
    el("span", "log-text", text));
  row.dataset.search = `${process} ${text}`.toLowerCase();
  row.hidden = filter !== "" && !row.dataset.search.includes(filter);
  return row;
}

function hashColour(name) {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % COLOURS;
}

function applyFilter() {
  const filter = filterBox.value.toLowerCase();
  for (const row of body.children) row.hidden = filter !== "" && !row.dataset.search.includes(filter);
  if (following) body.scrollTop = body.scrollHeight;
  showCounts();
}

function setFollowing(yes) {
  following = yes;
  followButton.setAttribute("aria-pressed", String(yes));
  followButton.textContent = yes ? "Pause" : "Follow";
  if (yes) {
    unseen = 0;
    body.scrollTop = body.scrollHeight;
  }
  showCounts();
}

function showCounts() {
  if (status.dataset.message) return;
  const total = body.childElementCount;
  const shown = filterBox.value ? [...body.children].filter((r) => !r.hidden).length : total;
  let text = filterBox.value ? `${shown} of ${total} lines` : `${total} lines`;
  if (total >= MAX_LINES) text += ` (the last ${MAX_LINES})`;
  if (!following) text += unseen ? ` · paused, ${unseen} new below` : " · paused";
  status.textContent = text;
}

function setStatus(message) {
  status.dataset.message = message;
  if (message) status.textContent = message;
  else {
    delete status.dataset.message;
    showCounts();
  }
}

followButton.addEventListener("click", () => setFollowing(!following));
document.getElementById("logs-clear").addEventListener("click", () => {
  body.replaceChildren();
  unseen = 0;
  showCounts();
});
document.getElementById("logs-close").addEventListener("click", closeLogs);
filterBox.addEventListener("input", applyFilter);
select.addEventListener("change", () => {
  if (!view) return;
  view.process = select.value || null;
  title.textContent = `${view.id} · ${view.process || "all processes"}`;
  restart();
});
// Scrolling up to read pauses the view; scrolling back to the bottom follows again.
body.addEventListener("scroll", () => {
  const atBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 8;
  if (following && !atBottom) setFollowing(false);
  else if (!following && atBottom) setFollowing(true);
});
