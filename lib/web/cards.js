// One card per instance: its checkout, ports, processes (with restart, stop and start), what its
// frontend needs, and how to reach it from other shells.
import { el, duration, copy, post, instancePath, COLOURS } from "./util.js";
import { openLogs } from "./logs.js";

const template = document.getElementById("card");
const RUNNING = new Set(["starting", "running", "ready", "restarting"]);
const ACTION_WORDS = { restart: "restarting", stop: "stopping", start: "starting" };
// Per "instance/process": the action under way or its last result, kept across re-renders.
const actions = new Map();

export function newCard(id, refresh) {
  const card = template.content.firstElementChild.cloneNode(true);
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
    stopInstance(card, id, refresh);
  });
  card.querySelector(".show-logs").addEventListener("click", () => openLogs(id, null));
  card.querySelector(".copy").addEventListener("click", (event) => {
    const code = card.querySelector(".env-command");
    copy(code.textContent, code, event.target);
  });
  card.querySelector(".copy-frontend").addEventListener("click", (event) => {
    const values = card.querySelector(".frontend-values");
    copy(values.textContent, values, event.target);
  });
  return card;
}

export function fill(card, i, all, refresh) {
  const lease = i.kind === "lease";
  card.dataset.startedAt = Date.parse(i.startedAt);
  card.dataset.kind = i.kind;
  card.querySelector(".profile").textContent = i.profile;
  const kind = card.querySelector(".kind");
  kind.textContent = lease ? "reserved" : i.kind;
  kind.hidden = i.kind === "run";
  card.querySelector(".show-logs").hidden = lease;
  card.querySelector(".stop").textContent = lease ? "Release" : "Stop";
  card.querySelector(".confirm").textContent = lease ? "Release now" : "Stop now";
  fillCheckout(card, i.cwd);
  card.querySelector(".pid").textContent = lease ? "—" : i.pid;
  card.querySelector(".uptime").textContent = duration((Date.now() - card.dataset.startedAt) / 1000);
  const block = i.block && i.block.first !== i.block.last ? `${i.block.first}–${i.block.last}` : (i.block ? i.block.first : "");
  card.querySelector(".range").textContent = `${i.range} ${block}`;

  card.querySelector(".ports").replaceChildren(...(i.portStates || []).map((p) => port(p, lease)));
  fillProcesses(card, i, refresh);
  fillFrontend(card, i, all);

  const envFiles = i.envFiles || [];
  card.querySelector(".envfiles-title").hidden = envFiles.length === 0;
  card.querySelector(".envfiles").replaceChildren(...envFiles.map((f) => el("li", "envfile", f)));
  card.querySelector(".env-command").textContent = i.envCommand;
}

/** The checkout, its last folder in bold: two worktrees of one repository differ there. */
function fillCheckout(card, cwd) {
  const checkout = card.querySelector(".checkout");
  checkout.hidden = !cwd;
  if (!cwd) return;
  const cut = cwd.replace(/\/+$/, "").lastIndexOf("/");
  card.querySelector(".checkout-dir").textContent = cut > 0 ? cwd.slice(0, cut + 1) : "";
  card.querySelector(".checkout-name").textContent = cut > 0 ? cwd.slice(cut + 1) : cwd;
}

/** A port as its url says: an http(s) url is a link, anything else (ws://...) is text to copy. */
function port(p, lease) {
  const li = el("li", "port");
  li.dataset.port = p.name;
  li.dataset.listening = p.listening;
  li.append(el("span", "port-name", p.name));
  const url = p.url || `http://localhost:${p.port}/`;
  if (/^https?:\/\//.test(url)) {
    const link = el("a", "port-url", url);
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    li.append(link);
  } else {
    const text = el("code", "port-url port-plain", url);
    text.title = "not a web page: connect to it with a client";
    li.append(text);
  }
  li.append(el("span", "port-env", `${p.env}=${p.port}`));
  let state;
  if (lease) state = el("span", "badge port-state reserved", p.listening ? "in use" : "reserved");
  else state = el("span", "badge port-state " + (p.listening ? "ok" : "down"), p.listening ? "listening" : "not listening");
  li.append(state);
  return li;
}

function fillProcesses(card, i, refresh) {
  const processes = i.processes || [];
  const lease = i.kind === "lease";
  card.querySelector(".processes-title").hidden = processes.length === 0 && !lease;
  const list = card.querySelector(".processes");
  if (lease) {
    const until = new Date(i.leaseUntil).toLocaleTimeString();
    list.replaceChildren(el("li", "lease-note", `ports reserved by a \`ports\` call until ${until}; nothing runs here`));
    return;
  }
  list.querySelector(".lease-note")?.remove();
  const seen = new Set();
  processes.forEach((p, index) => {
    seen.add(p.name);
    let row = list.querySelector(`[data-process="${CSS.escape(p.name)}"]`);
    if (!row) row = processRow(i.instance, p.name, refresh);
    list.append(row); // server order
    fillProcess(row, i.instance, p, index);
  });
  for (const row of list.querySelectorAll("[data-process]")) {
    if (!seen.has(row.dataset.process)) row.remove();
  }
}

function processRow(id, name, refresh) {
  const li = el("li", "process");
  li.dataset.process = name;
  const head = el("span", "process-name", name);
  const state = el("span", "badge process-state");
  const notes = el("span", "process-notes muted");
  const buttons = el("span", "process-actions");
  const logs = el("button", "process-logs", "Logs");
  logs.type = "button";
  logs.addEventListener("click", () => openLogs(id, name));
  buttons.append(logs);
  for (const op of ["restart", "stop", "start"]) {
    const button = el("button", `process-${op}`, op[0].toUpperCase() + op.slice(1));
    button.type = "button";
    button.addEventListener("click", () => act(li, id, name, op, refresh));
    buttons.append(button);
  }
  const result = el("p", "process-result", "");
  result.setAttribute("role", "status");
  result.hidden = true;
  li.append(head, state, notes, buttons, result);
  return li;
}

function fillProcess(row, id, p, index) {
  row.process = p;
  row.index = index;
  row.dataset.state = p.state;
  row.dataset.pid = p.pid || "";
  const name = row.querySelector(".process-name");
  name.className = `process-name c${index % COLOURS}`;
  const state = row.querySelector(".process-state");
  state.className = `badge process-state state-${p.state}`;
  state.textContent = p.state;
  const notes = [];
  if (p.pid && RUNNING.has(p.state)) notes.push(`pid ${p.pid}`);
  if (p.startedAt && RUNNING.has(p.state)) notes.push(`up ${duration((Date.now() - Date.parse(p.startedAt)) / 1000)}`);
  if (p.restarts > 0) notes.push(`${p.restarts} restart${p.restarts === 1 ? "" : "s"}`);
  if (p.exitCode !== undefined && p.exitCode !== null) notes.push(`last exit ${p.exitCode}`);
  row.querySelector(".process-notes").textContent = notes.join(" · ");
  const action = actions.get(`${id}/${p.name}`);
  const busy = action && action.busy;
  const running = RUNNING.has(p.state) || p.state === "stopping";
  for (const op of ["restart", "stop", "start"]) {
    const button = row.querySelector(`.process-${op}`);
    button.disabled = Boolean(busy);
    button.hidden = (op === "stop" && !running) || (op === "start" && running);
    button.textContent = busy === op ? `${ACTION_WORDS[op][0].toUpperCase()}${ACTION_WORDS[op].slice(1)}…` : op[0].toUpperCase() + op.slice(1);
  }
  const result = row.querySelector(".process-result");
  result.hidden = !action;
  if (action) {
    result.textContent = action.text;
    result.className = "process-result" + (action.error ? " error" : action.busy ? " busy" : " done");
  }
}

async function act(row, id, name, op, refresh) {
  const key = `${id}/${name}`;
  const show = (action) => {
    actions.set(key, action);
    fillProcess(row, id, row.process, row.index);
  };
  show({ busy: op, text: `${ACTION_WORDS[op]} ${name}…` });
  try {
    const body = await post(`${instancePath(id)}/processes/${encodeURIComponent(name)}/${op}`);
    show({ text: body.message || `${name}: ${op} done` });
  } catch (error) {
    show({ error: true, text: `${op} ${name} failed: ${error.message}` });
  }
  refresh();
  setTimeout(() => {
    if (actions.get(key) && !actions.get(key).busy) {
      actions.delete(key);
      fillProcess(row, id, row.process, row.index);
    }
  }, 15000);
}

/** For an instance that does not own a shared env file: the values its own frontend would need. */
function fillFrontend(card, i, all) {
  const box = card.querySelector(".frontend");
  const foreign = (i.envTargets || []).filter((t) => t.owned === false && Object.keys(t.values || {}).length > 0);
  box.hidden = foreign.length === 0;
  if (box.hidden) return;
  const notes = foreign.map((t) => {
    const owner = all.find((o) => o.instance !== i.instance && (o.envFiles || []).includes(t.file));
    return `${t.file} holds ${owner ? owner.instance : "another instance"}'s values`;
  });
  card.querySelector(".frontend-note").textContent = `${notes.join("; ")}. This instance's frontend needs:`;
  card.querySelector(".frontend-values").textContent = foreign
    .flatMap((t) => Object.entries(t.values).map(([k, v]) => `${k}=${v}`)).join("\n");
}

async function stopInstance(card, id, refresh) {
  const feedback = card.querySelector(".feedback");
  const stop = card.querySelector(".stop");
  const lease = card.dataset.kind === "lease";
  stop.disabled = true;
  stop.textContent = lease ? "Releasing…" : "Stopping…";
  feedback.hidden = false;
  feedback.className = "feedback";
  feedback.textContent = lease ? `releasing ${id}…` : `stopping ${id} (its processes get SIGTERM, then the grace period)…`;
  try {
    const body = await post(`${instancePath(id)}/stop`);
    feedback.textContent = body.message || `${id} stopped`;
    card.classList.add("gone");
    refresh();
  } catch (error) {
    feedback.className = "feedback error";
    feedback.textContent = `could not stop ${id}: ${error.message}`;
    stop.disabled = false;
    stop.textContent = lease ? "Release" : "Stop";
  }
}

/** Keeps the uptimes moving between updates. */
export function tick(cards) {
  for (const card of cards) {
    card.querySelector(".uptime").textContent = duration((Date.now() - card.dataset.startedAt) / 1000);
    for (const row of card.querySelectorAll(".process")) {
      if (row.process) fillProcess(row, card.dataset.instance, row.process, row.index);
    }
  }
}
