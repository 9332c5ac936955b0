// The launch web page: renders /api/instances and keeps it current from /api/events (server-sent
// events). When the server goes away it says so, keeps the last picture greyed out, and comes
// back by itself once a `ui` answers on this port again. No framework, no build step.
import { el } from "./util.js";
import { newCard, fill, tick } from "./cards.js";
import { setInstances, resumeLogs, suspendLogs } from "./logs.js";

const list = document.getElementById("instances");
const empty = document.getElementById("empty");
const summary = document.getElementById("summary");
const connection = document.getElementById("connection");
const lost = document.getElementById("lost");
const cards = new Map(); // instance id -> card element
let lastIds = null;
let events = null;
let probing = null;

function setConnection(state, text) {
  connection.dataset.state = state;
  connection.textContent = text;
  document.body.dataset.connection = state;
}

function render(instances) {
  const seen = new Set();
  for (const instance of instances) {
    seen.add(instance.instance);
    let card = cards.get(instance.instance);
    if (!card) {
      card = newCard(instance.instance, refresh);
      cards.set(instance.instance, card);
    }
    list.appendChild(card); // keeps server order (oldest first); moving a node keeps its state
    fill(card, instance, instances, refresh);
  }
  for (const [id, card] of cards) {
    if (!seen.has(id)) {
      card.remove();
      cards.delete(id);
    }
  }
  setInstances(instances);
  empty.hidden = instances.length > 0;
  const runs = instances.filter((i) => i.kind !== "lease").length;
  const leases = instances.length - runs;
  const parts = [];
  if (runs) parts.push(`${runs} instance${runs === 1 ? "" : "s"}`);
  if (leases) parts.push(`${leases} reservation${leases === 1 ? "" : "s"}`);
  summary.textContent = parts.length ? parts.join(", ") : "no instances";
  const ids = [...seen].join(",");
  if (ids !== lastIds) {
    lastIds = ids;
    loadRanges();
  }
}

async function refresh() {
  try {
    const response = await fetch("/api/instances", { credentials: "same-origin" });
    if (response.ok) render(await response.json());
  } catch (error) {
    // the connection watch reports a lost server
  }
}

async function loadRanges() {
  const box = document.getElementById("ranges");
  try {
    const response = await fetch("/api/ranges", { credentials: "same-origin" });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
    if (body.length === 0) {
      box.replaceChildren(el("p", "muted", "ports.yaml defines no ranges"));
      return;
    }
    const table = el("table");
    const head = el("tr");
    ["range", "ports", "state"].forEach((h) => head.append(el("th", "", h)));
    table.append(head);
    const own = Number(location.port);
    for (const r of body) {
      const row = el("tr");
      row.dataset.range = r.range;
      const span = r.count === 1 ? `${r.base}` : `${r.base}–${r.base + r.count - 1}`;
      const ours = r.state === "busy" && own >= r.base && own < r.base + r.count && r.busy.length === 1;
      let state = "free", css = "free";
      if (r.state === "held") [state, css] = [`held by ${r.heldBy.join(", ")}`, "held"];
      else if (ours) [state, css] = [`this page (port ${own})`, "held"];
      else if (r.state === "busy") [state, css] = [`busy: ${r.busy.join(", ")}`, "busy"];
      row.append(el("td", "", r.range), el("td", "", span), el("td", `range-${css}`, state));
      table.append(row);
    }
    box.replaceChildren(table);
  } catch (error) {
    box.replaceChildren(el("p", "feedback error", `ranges unavailable: ${error.message}`));
  }
}

function online() {
  lost.hidden = true;
  document.body.classList.remove("server-lost");
  setConnection("live", "live");
  resumeLogs();
}

function listen() {
  events = new EventSource("/api/events");
  events.addEventListener("instances", (event) => {
    online();
    render(JSON.parse(event.data));
  });
  events.onopen = online;
  events.onerror = () => {
    // EventSource retries on its own only while the server keeps answering 200; the watch
    // below also copes with a server that is gone, and with one that no longer knows us.
    events.close();
    events = null;
    watch();
  };
}

/** Until the server answers again: say plainly what is wrong, and try every second. */
function watch() {
  if (probing) return;
  const attempt = async () => {
    let response = null;
    try {
      response = await fetch("/api/instances", { credentials: "same-origin", cache: "no-store" });
    } catch (error) {
      response = null;
    }
    if (response && response.ok) {
      clearInterval(probing);
      probing = null;
      online();
      render(await response.json());
      listen();
      return;
    }
    showLost(response ? response.status : null);
  };
  probing = setInterval(attempt, 1000);
  attempt();
}

function showLost(status) {
  document.body.classList.add("server-lost");
  suspendLogs();
  lost.hidden = false;
  const title = document.getElementById("lost-title");
  const text = document.getElementById("lost-text");
  const where = `127.0.0.1:${location.port}`;
  if (status === 403) {
    setConnection("down", "needs sign-in");
    title.textContent = `The ui server on ${where} does not know this browser.`;
    text.textContent = "It was started afresh with another session. Run ./jbang launch.java ui and open the link it prints "
      + "(it reuses the running server).";
  } else {
    setConnection("down", "server lost");
    title.textContent = `Lost the ui server on ${where}.`;
    text.textContent = (status ? `It answers with HTTP ${status}. ` : "It stopped or cannot be reached. ")
      + "What you see below is how things were; the instances themselves may still be running. "
      + "This page reconnects by itself when a ui serves this port again (./jbang launch.java ui).";
  }
  summary.textContent = "not live";
}

setInterval(() => tick(cards.values()), 1000);
setInterval(() => {
  if (!probing) loadRanges();
}, 10000);
refresh();
listen();
