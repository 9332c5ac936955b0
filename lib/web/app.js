// The launch web UI: renders /api/instances and keeps it current from /api/events (server-sent
// events; polling when they are unavailable). No framework, no build step.
"use strict";

const token = document.querySelector('meta[name="launch-token"]').content;
const list = document.getElementById("instances");
const empty = document.getElementById("empty");
const summary = document.getElementById("summary");
const connection = document.getElementById("connection");
const cardTemplate = document.getElementById("card");
const cards = new Map(); // instance id -> card element
let lastIds = "";

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function duration(seconds) {
  seconds = Math.max(0, Math.floor(seconds));
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds / 3600) % 24;
  const m = Math.floor(seconds / 60) % 60, s = seconds % 60;
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${s}s`;
  return `${s}s`;
}

function setConnection(state, text) {
  connection.dataset.state = state;
  connection.textContent = text;
}

function render(instances) {
  const seen = new Set();
  for (const instance of instances) {
    seen.add(instance.instance);
    let card = cards.get(instance.instance);
    if (!card) {
      card = newCard(instance.instance);
      cards.set(instance.instance, card);
    }
    list.appendChild(card); // keeps server order (oldest first); moving a node keeps its state
    fill(card, instance);
  }
  for (const [id, card] of cards) {
    if (!seen.has(id)) {
      card.remove();
      cards.delete(id);
    }
  }
  empty.hidden = instances.length > 0;
  const running = instances.length;
  summary.textContent = running === 0 ? "no instances" : `${running} instance${running === 1 ? "" : "s"}`;
  const ids = [...seen].join(",");
  if (ids !== lastIds) {
    lastIds = ids;
    loadRanges();
  }
}

function newCard(id) {
  const card = cardTemplate.content.firstElementChild.cloneNode(true);
  card.dataset.instance = id;
  card.querySelector(".id").textContent = id;
  const stop = card.querySelector(".stop"), confirm = card.querySelector(".confirm"), cancel = card.querySelector(".cancel");
  let revert;
  const asking = (yes) => {
    stop.hidden = yes;
    confirm.hidden = cancel.hidden = !yes;
    clearTimeout(revert);
    if (yes) {
      revert = setTimeout(() => asking(false), 6000);
      confirm.focus();
    }
  };
  stop.addEventListener("click", () => asking(true));
  cancel.addEventListener("click", () => asking(false));
  confirm.addEventListener("click", () => {
    asking(false);
    stopInstance(card, id);
  });
  card.querySelector(".copy").addEventListener("click", (event) => copy(card.querySelector(".env-command"), event.target));
  return card;
}

function fill(card, i) {
  card.dataset.startedAt = Date.parse(i.startedAt);
  card.querySelector(".profile").textContent = i.profile;
  const kind = card.querySelector(".kind");
  kind.textContent = i.kind;
  kind.hidden = i.kind === "run";
  card.querySelector(".pid").textContent = i.kind === "lease" ? "—" : i.pid;
  card.querySelector(".uptime").textContent = duration((Date.now() - card.dataset.startedAt) / 1000);
  const block = i.block && i.block.first !== i.block.last ? `${i.block.first}–${i.block.last}` : (i.block ? i.block.first : "");
  card.querySelector(".range").textContent = `${i.range} ${block}`;

  const ports = card.querySelector(".ports");
  ports.replaceChildren(...(i.portStates || []).map((p) => {
    const li = el("li", "port");
    li.dataset.port = p.name;
    li.dataset.listening = p.listening;
    li.append(el("span", "port-name", p.name));
    const link = el("a", "port-url", p.url);
    link.href = p.url;
    link.target = "_blank";
    link.rel = "noopener";
    li.append(link);
    li.append(el("span", "port-env", p.env));
    li.append(el("span", "badge port-state " + (p.listening ? "ok" : "down"), p.listening ? "listening" : "not listening"));
    return li;
  }));

  const processes = i.processes || [];
  card.querySelector(".processes-title").hidden = processes.length === 0 && i.kind !== "lease";
  const procList = card.querySelector(".processes");
  if (i.kind === "lease") {
    procList.replaceChildren(el("li", "muted", `ports reserved, lease until ${new Date(i.leaseUntil).toLocaleTimeString()}`));
  } else {
    procList.replaceChildren(...processes.map((p) => {
      const li = el("li", "process");
      li.dataset.process = p.name;
      li.append(el("span", "process-name", p.name));
      li.append(el("span", `badge process-state state-${p.state}`, p.state));
      const notes = [];
      if (p.restarts > 0) notes.push(`${p.restarts} restart${p.restarts === 1 ? "" : "s"}`);
      if (p.exitCode !== undefined && p.exitCode !== null) notes.push(`exit ${p.exitCode}`);
      if (p.pid) notes.push(`pid ${p.pid}`);
      li.append(el("span", "muted", notes.join(" · ")));
      return li;
    }));
  }

  const envFiles = i.envFiles || [];
  card.querySelector(".envfiles-title").hidden = envFiles.length === 0;
  card.querySelector(".envfiles").replaceChildren(...envFiles.map((f) => el("li", "envfile", f)));
  card.querySelector(".env-command").textContent = i.envCommand;
}

async function stopInstance(card, id) {
  const feedback = card.querySelector(".feedback");
  const stop = card.querySelector(".stop");
  stop.disabled = true;
  stop.textContent = "Stopping…";
  feedback.hidden = false;
  feedback.className = "feedback";
  feedback.textContent = `stopping ${id} (its processes get SIGTERM, then the grace period)…`;
  try {
    const response = await fetch(`/api/instances/${encodeURIComponent(id)}/stop`, {
      method: "POST",
      headers: { "X-Launch-Token": token },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
    feedback.textContent = `${id} stopped`;
    card.classList.add("gone");
    refresh();
  } catch (error) {
    feedback.className = "feedback error";
    feedback.textContent = `could not stop ${id}: ${error.message}`;
    stop.disabled = false;
    stop.textContent = "Stop";
  }
}

async function copy(code, button) {
  try {
    await navigator.clipboard.writeText(code.textContent);
    button.textContent = "Copied";
  } catch (error) {
    const range = document.createRange();
    range.selectNodeContents(code);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    button.textContent = "Selected";
  }
  setTimeout(() => (button.textContent = "Copy"), 1500);
}

async function refresh() {
  try {
    const response = await fetch("/api/instances");
    if (response.ok) render(await response.json());
  } catch (error) {
    setConnection("down", "ui not reachable");
  }
}

async function loadRanges() {
  const box = document.getElementById("ranges");
  try {
    const response = await fetch("/api/ranges");
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
    for (const r of body) {
      const row = el("tr");
      row.dataset.range = r.range;
      const span = r.count === 1 ? `${r.base}` : `${r.base}–${r.base + r.count - 1}`;
      const state = r.state === "held" ? `held by ${r.heldBy.join(", ")}` : r.state === "busy" ? `busy: ${r.busy.join(", ")}` : "free";
      row.append(el("td", "", r.range), el("td", "", span), el("td", `range-${r.state}`, state));
      table.append(row);
    }
    box.replaceChildren(table);
  } catch (error) {
    box.replaceChildren(el("p", "feedback error", `ranges unavailable: ${error.message}`));
  }
}

function listen() {
  if (!window.EventSource) {
    setConnection("live", "polling");
    setInterval(refresh, 1000);
    return;
  }
  const events = new EventSource("/api/events");
  events.addEventListener("instances", (event) => {
    setConnection("live", "live");
    render(JSON.parse(event.data));
  });
  events.onopen = () => setConnection("live", "live");
  events.onerror = () => setConnection("down", "reconnecting…");
}

setInterval(() => {
  for (const card of cards.values()) {
    card.querySelector(".uptime").textContent = duration((Date.now() - card.dataset.startedAt) / 1000);
  }
}, 1000);
setInterval(loadRanges, 10000);
refresh();
listen();
