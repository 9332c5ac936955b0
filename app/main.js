// Shows which Alice, Bob and network simulator this page talks to, and what each one answers.
// The addresses come from VITE_* variables: the launcher sets them in the dev server's
// environment (dev-web profile), or writes them into app/.env.development (dev profile).
const env = import.meta.env;
const services = [
  { id: 'alice', url: env.VITE_ALICE_BACKEND_URL },
  { id: 'bob', url: env.VITE_BOB_BACKEND_URL },
  { id: 'network-http', url: env.VITE_NETWORK_HTTP_URL },
];

function show(id, state, text) {
  const cell = document.getElementById(id + '-answer');
  cell.dataset.state = state;
  cell.textContent = text;
}

document.getElementById('instance').textContent = env.VITE_LAUNCH_INSTANCE ? '(' + env.VITE_LAUNCH_INSTANCE + ')' : '';

for (const s of services) {
  document.getElementById(s.id + '-url').textContent = s.url || '(not set)';
  if (!s.url) {
    show(s.id, 'error', 'no address: start this page through launch, or set its VITE_* variable');
    continue;
  }
  fetch(s.url + '/')
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
    .then((a) => show(s.id, 'ok', a.role + ' on port ' + a.port + (a.instance ? ' (instance ' + a.instance + ')' : '')))
    .catch((e) => show(s.id, 'error', 'no answer: ' + e.message));
}

const wsUrl = env.VITE_NETWORK_SIMULATOR_URL;
document.getElementById('network-ws-url').textContent = wsUrl || '(not set)';
if (wsUrl) {
  const ws = new WebSocket(wsUrl);
  ws.onopen = () => ws.send('hello from the frontend');
  ws.onmessage = (m) => {
    if (String(m.data).startsWith('echo: ')) {
      show('network-ws', 'ok', 'connected, answered "' + m.data + '"');
    }
  };
  ws.onerror = () => show('network-ws', 'error', 'cannot connect');
} else {
  show('network-ws', 'error', 'no address: set VITE_NETWORK_SIMULATOR_URL');
}
