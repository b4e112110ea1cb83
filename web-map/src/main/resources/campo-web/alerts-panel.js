// The dispatcher map's alerts panel: the open alerts of the running day (late for a window, off route, idle, low
// battery), read from GET /api/alerts at login and kept current by the live feed's "alert" and "alert.cleared" events.
// Times are the agency's (the login's timeZone), whatever the browser's zone. It also keeps each agent's latest "eta"
// event, for the stops' popups. Loaded after session.js, before app.js.
window.CampoAlerts = (function () {
  'use strict';
  const session = window.CampoSession;
  const { $, esc, api } = session;

  const TEXT = {
    es: {
      title: (n) => `Alertas (${n})`, none: 'Sin alertas abiertas', since: 'desde', error: 'No se pudieron leer las alertas',
      kinds: { late: 'Llegará tarde', off_route: 'Fuera de ruta', idle: 'Detenido', low_battery: 'Batería baja' },
      late: (d, at) => `a ${d.visitId}: llega ${at(d.eta)}, la ventana cierra ${at(d.windowEnd)}`,
      off_route: (d) => `a ${d.meters} m de la ruta`,
      idle: (d) => `${d.minutes} min sin moverse`,
      low_battery: (d) => `${d.percent} %`,
    },
    en: {
      title: (n) => `Alerts (${n})`, none: 'No open alerts', since: 'since', error: 'Could not read the alerts',
      kinds: { late: 'Running late', off_route: 'Off route', idle: 'Idle', low_battery: 'Low battery' },
      late: (d, at) => `for ${d.visitId}: arrives ${at(d.eta)}, window closes ${at(d.windowEnd)}`,
      off_route: (d) => `${d.meters} m from the route`,
      idle: (d) => `${d.minutes} min without moving`,
      low_battery: (d) => `${d.percent} %`,
    },
  };
  const t = () => TEXT[session.lang] || TEXT.es;

  const open = new Map(); // alert id → alert
  const etas = new Map(); // agent id → (visit id → ETA instant)
  let nameOf = (id) => id;
  let onSelect = () => {};
  let refreshTimer = null;
  let failed = false;

  function clock(iso) {
    const d = new Date(iso);
    if (isNaN(d)) return '–';
    const options = { hour: '2-digit', minute: '2-digit' };
    try {
      return d.toLocaleTimeString(session.lang === 'es' ? 'es-MX' : 'en-US', { ...options, timeZone: session.zone });
    } catch (e) { // an unknown zone name
      return d.toLocaleTimeString(session.lang === 'es' ? 'es-MX' : 'en-US', options);
    }
  }

  function describe(a) {
    const words = t();
    const text = words[a.kind];
    return text ? text(a.detail || {}, clock) : '';
  }

  function render() {
    const panel = $('alerts-panel');
    if (!panel) return;
    const words = t();
    $('alerts-title').textContent = words.title(open.size);
    panel.dataset.count = String(open.size);
    const list = [...open.values()].sort((x, y) => Date.parse(y.raisedAt) - Date.parse(x.raisedAt));
    $('alert-list').innerHTML = list.length
      ? list.map((a) => `<li class="alert alert-${esc(a.kind)}" data-agent="${esc(a.agentId)}" data-kind="${esc(a.kind)}">`
          + `<strong>${esc(words.kinds[a.kind] || a.kind)}</strong> · ${esc(nameOf(a.agentId))}`
          + `<br><span>${esc(describe(a))}</span> <span class="muted">${words.since} ${esc(clock(a.raisedAt))}</span></li>`).join('')
      : `<li class="muted">${failed ? words.error : words.none}</li>`;
  }

  async function load() {
    try {
      const body = await api('/api/alerts');
      open.clear();
      for (const a of body.alerts || []) if (!a.clearedAt) open.set(a.id, a);
      failed = false;
    } catch (e) {
      failed = true;
    }
    render();
  }

  function handles(e) {
    return e.type === 'alert' || e.type === 'alert.cleared' || e.type === 'eta';
  }

  function event(e) {
    if (e.type === 'eta') {
      etas.set(e.agentId, new Map((e.stops || []).map((s) => [s.visitId, s.eta])));
      return;
    }
    const a = e.alert;
    if (!a) return;
    if (e.type === 'alert') open.set(a.id, a); else open.delete(a.id);
    render();
  }

  // callbacks: name(agentId) — the agent's name to show; select(agentId) — the dispatcher clicked an alert.
  function start(name, select) {
    nameOf = name;
    onSelect = select;
    load();
    // The feed drops events of a stalled socket and misses those of a reconnect: the list is re-read now and then.
    clearInterval(refreshTimer);
    refreshTimer = setInterval(load, 60_000);
  }

  // The latest ETA at a stop not yet visited, as "HH:MM" in the agency's zone, or null.
  function etaText(agentId, visitId) {
    const eta = (etas.get(agentId) || new Map()).get(visitId);
    return eta ? clock(eta) : null;
  }

  function stop() {
    clearInterval(refreshTimer);
    open.clear();
    etas.clear();
    render();
  }

  $('alert-list').addEventListener('click', (ev) => {
    const item = ev.target.closest('li[data-agent]');
    if (item) onSelect(item.dataset.agent);
  });

  return { start, stop, handles, event, render, etaText };
})();
