// Campo dispatcher map. One classic script (no build step, no CDN: the page must work on an
// agency's offline network), organised in sections:
//   i18n · instrumentation · basemap · agents (state, canvas layer, list) · live socket
//   and polling fallback · agent detail (day, timeline, messages) · planning · session/boot.
// Login, logout, the token and the api client are session.js's (shared with the manager page).
// The API shapes are those of README.md and the issue-5 contract; every endpoint that may not
// exist on an older server (teams, day, timeline, map settings, roads, live) degrades quietly.
(function () {
  'use strict';

  // ───────────────────────────── i18n ─────────────────────────────
  // Spanish is the users' language; English is a switch remembered per browser (localStorage).
  const TEXT = {
    es: {
      loading: 'Cargando…', logout: 'Salir', reports: 'Informes', loginTitle: 'Iniciar sesión', user: 'Usuario', password: 'Contraseña',
      signIn: 'Entrar', badLogin: 'Usuario o contraseña incorrectos', loginFailed: 'No se pudo iniciar sesión',
      switchTo: 'English', search: 'Buscar por nombre o id', team: 'Equipo', allTeams: 'Todos los equipos', status: 'Estado',
      statusAll: 'Todos', statusOnline: 'En línea', statusStale: 'Sin señal reciente', statusOffline: 'Desconectado', statusDisabled: 'Deshabilitado', statusOffDuty: 'Fuera de turno',
      statusLow: 'Batería baja', close: 'Cerrar',
      summary: (c) => `${c.all} ${c.all === 1 ? 'agente' : 'agentes'} · ${c.online} en línea · ${c.stale} sin señal · ${c.offline} desconectados · ${c.low} con batería baja${c.offDuty ? ` · ${c.offDuty} fuera de turno` : ''}`,
      listCount: (shown, all) => `Mostrando ${shown} de ${all}`,
      badgeStale: 'sin señal', badgeLow: 'batería baja', badgeOffline: 'desconectado', badgeDisabled: 'deshabilitado', badgeOffDuty: 'fuera de turno',
      battery: 'Batería', charging: 'cargando', notCharging: 'sin cargar', lastSeen: 'Última posición', speed: 'Velocidad',
      never: 'sin posición', ago: (n, unit) => `hace ${n} ${unit}`, sec: 's', min: 'min', hour: 'h', day: 'Día',
      modeLive: 'En vivo', modePolling: 'Consultando cada 5 s', modeConnecting: 'Conectando…', modeOff: '',
      timeline: 'Línea de tiempo', fixes: (f) => `${f.count} posiciones · ${f.first ? fmtTime(f.first) : '–'}–${f.last ? fmtTime(f.last) : '–'} · ${(f.distanceMeters / 1000).toFixed(1)} km`,
      noFixes: 'Sin posiciones este día', noEvents: 'Sin eventos', timelineUnavailable: 'Línea de tiempo no disponible',
      dayUnavailable: 'Recorrido del día no disponible', noRoute: 'Sin ruta planificada para este día',
      routeSummary: (n, done) => `${n} paradas · ${done} visitadas`,
      stop: 'Parada', debtor: 'Deudor', arrival: 'Llegada', outcome: 'Resultado', validation: 'Validación', reasons: 'Motivos',
      stopStatus: { pending: 'Pendiente', paid: 'Pagó', promise: 'Promesa de pago', no_contact: 'Sin contacto', rejected: 'Rechazada', other: 'Otro' },
      outcomes: { PAID: 'Pagó', PROMISE: 'Promesa de pago', NO_CONTACT: 'Sin contacto', REFUSED: 'Se negó a pagar',
        WRONG_ADDRESS: 'Domicilio incorrecto', INCIDENT: 'Incidente', AGREEMENT: 'Convenio de pago' },
      visitStatus: { VALID: 'Válida', REJECTED: 'Rechazada', OVERRIDDEN: 'Aceptada por supervisor' },
      failures: {
        accuracy_too_poor: 'Precisión del GPS insuficiente', check_in_outside_geofence: 'Registro fuera de la geocerca',
        no_track_near_check_in: 'Sin recorrido GPS cerca del registro', track_outside_geofence: 'El recorrido no entró a la geocerca',
        insufficient_dwell: 'Permanencia insuficiente en el domicilio', teleport: 'Salto de posición imposible',
        suspected_mock_location: 'Posible ubicación simulada', no_address: 'El deudor no tiene domicilio con coordenadas',
        late_track_contradicts_live_track: 'Recorrido recibido tarde que contradice el recorrido en vivo' },
      lateEvidence: (min) => `evidencia tardía (${min} min)`,
      eventVisit: 'Visita', eventMessage: 'Mensaje', eventOnline: 'Se conectó', eventOffline: 'Se desconectó',
      delivered: 'entregado', pendingDelivery: 'por entregar',
      message: 'Mensaje al agente', send: 'Enviar', messageSent: 'Mensaje enviado', messageEmpty: 'Escribe un mensaje',
      messageFailed: 'No se pudo enviar el mensaje',
      toastVisit: (name, what) => `Visita de ${name}: ${what}`, toastMessage: (name) => `Mensaje enviado a ${name}`,
      planTitle: 'Planificar el día', planDate: 'Fecha', profile: 'Vehículo', profileCar: 'Auto', profileMotorcycle: 'Moto',
      profileFoot: 'A pie', shiftStart: 'Inicio de turno', shiftEnd: 'Fin de turno', maxVisits: 'Máx. visitas por agente',
      selected: (n) => (n === 1 ? '1 agente seleccionado' : `${n} agentes seleccionados`), selectVisible: 'Todos los visibles', selectNone: 'Ninguno',
      planSubmit: 'Planificar', planNoAgents: 'Selecciona al menos un agente en la lista',
      planStarted: (id, visits) => `Plan ${id} en curso${visits != null ? ` (${visits} visitas)` : ''}`,
      planDone: (n) => `Plan listo: ${n} ${n === 1 ? 'ruta' : 'rutas'}`, planFailed: 'El plan falló',
      planPhase: { SNAPPING: 'Ubicando en calles', MATRIX: 'Calculando tiempos', OPTIMISING: 'Optimizando', GEOMETRY: 'Trazando rutas' },
      planErrors: { 400: 'Solicitud inválida', 409: 'Ya hay un plan en curso para esa fecha', 503: 'La red de calles no está lista' },
      requestFailed: 'La solicitud falló',
      panelAgents: 'Agentes', officeLink: 'Oficina', accept: 'Aceptar la visita',
      overrideTitle: 'Aceptar una visita rechazada', overrideReason: 'Motivo (queda en la bitácora del deudor)',
      overrideShort: 'Escribe el motivo (al menos 10 caracteres)', overrideDone: (id) => `Visita ${id} aceptada`,
      overrideFailed: 'No se pudo aceptar la visita', cancel: 'Cancelar'
    },
    en: {
      loading: 'Loading…', logout: 'Log out', reports: 'Reports', loginTitle: 'Sign in', user: 'User', password: 'Password',
      signIn: 'Sign in', badLogin: 'Wrong user or password', loginFailed: 'Could not sign in',
      switchTo: 'Español', search: 'Search by name or id', team: 'Team', allTeams: 'All teams', status: 'Status',
      statusAll: 'All', statusOnline: 'Online', statusStale: 'Stale', statusOffline: 'Offline', statusDisabled: 'Disabled', statusOffDuty: 'Off duty', statusLow: 'Low battery', close: 'Close',
      summary: (c) => `${c.all} ${c.all === 1 ? 'agent' : 'agents'} · ${c.online} online · ${c.stale} stale · ${c.offline} offline · ${c.low} low battery${c.offDuty ? ` · ${c.offDuty} off duty` : ''}`,
      listCount: (shown, all) => `Showing ${shown} of ${all}`,
      badgeStale: 'stale', badgeLow: 'low battery', badgeOffline: 'offline', badgeDisabled: 'disabled', badgeOffDuty: 'off duty',
      battery: 'Battery', charging: 'charging', notCharging: 'not charging', lastSeen: 'Last position', speed: 'Speed',
      never: 'no position', ago: (n, unit) => `${n} ${unit} ago`, sec: 's', min: 'min', hour: 'h', day: 'Day',
      modeLive: 'Live', modePolling: 'Polling every 5 s', modeConnecting: 'Connecting…', modeOff: '',
      timeline: 'Timeline', fixes: (f) => `${f.count} fixes · ${f.first ? fmtTime(f.first) : '–'}–${f.last ? fmtTime(f.last) : '–'} · ${(f.distanceMeters / 1000).toFixed(1)} km`,
      noFixes: 'No fixes this day', noEvents: 'No events', timelineUnavailable: 'Timeline not available',
      dayUnavailable: "Day's route not available", noRoute: 'No planned route this day',
      routeSummary: (n, done) => `${n} stops · ${done} visited`,
      stop: 'Stop', debtor: 'Debtor', arrival: 'Arrival', outcome: 'Outcome', validation: 'Validation', reasons: 'Reasons',
      stopStatus: { pending: 'Pending', paid: 'Paid', promise: 'Promise to pay', no_contact: 'No contact', rejected: 'Rejected', other: 'Other' },
      outcomes: { PAID: 'Paid', PROMISE: 'Promise to pay', NO_CONTACT: 'No contact', REFUSED: 'Refused to pay',
        WRONG_ADDRESS: 'Wrong address', INCIDENT: 'Incident', AGREEMENT: 'Payment agreement' },
      visitStatus: { VALID: 'Valid', REJECTED: 'Rejected', OVERRIDDEN: 'Accepted by supervisor' },
      failures: {
        accuracy_too_poor: 'GPS accuracy too poor', check_in_outside_geofence: 'Check-in outside the geofence',
        no_track_near_check_in: 'No GPS track near the check-in', track_outside_geofence: 'Track never inside the geofence',
        insufficient_dwell: 'Too little time at the address', teleport: 'Impossible jump in position',
        suspected_mock_location: 'Suspected mock location', no_address: 'Debtor has no address with coordinates',
        late_track_contradicts_live_track: 'Late track contradicts the live track' },
      lateEvidence: (min) => `late evidence (${min} min)`,
      eventVisit: 'Visit', eventMessage: 'Message', eventOnline: 'Came online', eventOffline: 'Went offline',
      delivered: 'delivered', pendingDelivery: 'pending delivery',
      message: 'Message to the agent', send: 'Send', messageSent: 'Message sent', messageEmpty: 'Write a message',
      messageFailed: 'Could not send the message',
      toastVisit: (name, what) => `Visit by ${name}: ${what}`, toastMessage: (name) => `Message sent to ${name}`,
      planTitle: 'Plan the day', planDate: 'Date', profile: 'Vehicle', profileCar: 'Car', profileMotorcycle: 'Motorcycle',
      profileFoot: 'On foot', shiftStart: 'Shift start', shiftEnd: 'Shift end', maxVisits: 'Max visits per agent',
      selected: (n) => `${n} ${n === 1 ? 'agent' : 'agents'} selected`, selectVisible: 'All visible', selectNone: 'None',
      planSubmit: 'Plan', planNoAgents: 'Select at least one agent in the list',
      planStarted: (id, visits) => `Plan ${id} running${visits != null ? ` (${visits} visits)` : ''}`,
      planDone: (n) => `Plan ready: ${n} ${n === 1 ? 'route' : 'routes'}`, planFailed: 'The plan failed',
      planPhase: { SNAPPING: 'Snapping to roads', MATRIX: 'Travel times', OPTIMISING: 'Optimising', GEOMETRY: 'Drawing routes' },
      planErrors: { 400: 'Invalid request', 409: 'A plan for that date is already running', 503: 'The road network is not ready' },
      requestFailed: 'The request failed',
      panelAgents: 'Agents', officeLink: 'Office', accept: 'Accept the visit',
      overrideTitle: 'Accept a rejected visit', overrideReason: "Reason (kept in the debtor's client log)",
      overrideShort: 'Write the reason (at least 10 characters)', overrideDone: (id) => `Visit ${id} accepted`,
      overrideFailed: 'The visit could not be accepted', cancel: 'Cancel'
    }
  };
  // Session, language choice, api client and the small DOM helpers are shared with the manager page
  // (session.js, loaded first).
  const session = window.CampoSession;
  const { $, esc, api } = session;
  const t = (key) => TEXT[session.lang][key];
  const locale = () => (session.lang === 'es' ? 'es-MX' : 'en-US');

  function applyLanguage() {
    session.translatePage();
    renderTeamFilter();
    showMode(live.mode);
    markListDirty(true);
    renderPlanSelection();
    window.CampoAlerts.render();
    if (detail.id) { renderDetailFacts(); renderDayStatus(); renderTimeline(); }
  }

  // In the agency's zone (CAMPO_TIME_ZONE), as every time the office reads.
  function fmtTime(iso) {
    return session.formatInZone(iso, { hour: '2-digit', minute: '2-digit' }, locale());
  }

  function ageText(ms) {
    if (ms == null) return t('never');
    const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    if (s < 60) return t('ago')(s, t('sec'));
    if (s < 3600) return t('ago')(Math.round(s / 60), t('min'));
    return t('ago')(Math.round(s / 3600), t('hour'));
  }

  // The agency's today, as the server reads dates (CAMPO_TIME_ZONE), whatever the browser's zone.
  const today = () => session.agencyDate(0);

  function reasonText(code) {
    return t('failures')[code] || String(code).replace(/_/g, ' ');
  }

  function toast(text, kind) {
    const box = $('toasts');
    const el = document.createElement('div');
    el.className = `toast ${kind || ''}`;
    el.textContent = text;
    box.appendChild(el);
    while (box.children.length > 4) box.firstChild.remove();
    setTimeout(() => el.remove(), 5000);
  }

  // ───────────────────────── instrumentation ─────────────────────────
  // Read by `./campo bench live` (contract "Page instrumentation"): keep names and meaning exact.
  const DELAY_RING = 200000;
  const stats = window.campoStats = { frames: 0, agentUpdates: 0, delays: [], busyMs: 0, lastFrameSeq: null, backlog: 0,
    // Main-thread milliseconds by kind of work, so a slow page says where its time goes (printed by the bench).
    // drawParts splits draw into [project and group, stamp sprites, put pixels].
    work: { parse: 0, apply: 0, draw: 0, list: 0, drawParts: [0, 0, 0] },
    // Set to {frames: [], agents: []} by the bench to have the page record where delays go (see recordStages).
    stages: null };
  let delayNext = 0;
  function recordDelay(ms) {
    if (stats.delays.length < DELAY_RING) stats.delays.push(ms);
    else { stats.delays[delayNext] = ms; delayNext = (delayNext + 1) % DELAY_RING; }
  }
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) stats.busyMs += e.duration; })
      .observe({ entryTypes: ['longtask'] });
  } catch (e) { /* browsers without long-task timing: busyMs stays 0 */ }

  // State the benchmark and the browser tests read; `ready` = logged in, socket open, first frame applied.
  const campo = window.campo = {
    ready: false, mode: 'off', agentsLoaded: false, basemap: 'tiles', roadFeatures: 0, selected: null,
    day: null, dayLayers: { route: false, stops: 0, trail: false, geofences: 0 }, timeline: null, plan: null, planRoutes: 0,
    markerLatLng: (id) => (agentLayer ? agentLayer.position(id) : null),
    // Where the agent is drawn, in page pixels (for tests that click it on the canvas).
    markerPagePoint: (id) => {
      const p = agentLayer && agentLayer.position(id);
      if (!p) return null;
      const c = map.latLngToContainerPoint(p), box = map.getContainer().getBoundingClientRect();
      return [box.left + c.x, box.top + c.y];
    },
    agent: (id) => agents.get(id) || null,
    select: (id) => selectAgent(id)
  };

  const canWrite = () => session.role === 'admin' || session.role === 'dispatcher';

  // ───────────────────────────── basemap ─────────────────────────────
  // Tiles from the configured URL; when they cannot load (offline agency network) or the server says
  // so, the roads of the loaded graph are drawn as vectors instead. The container's CSS background
  // keeps the map from ever being blank.
  const DEFAULT_SETTINGS = { tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    attribution: '&copy; OpenStreetMap contributors', center: [19.4326, -99.1332], zoom: 12, basemap: false };
  const ROAD_STYLE = {
    motorway: { color: '#e07b39', weight: 4 }, primary: { color: '#e8b04a', weight: 3.5 },
    secondary: { color: '#f0cf6e', weight: 3 }, tertiary: { color: '#ffffff', weight: 2.5 },
    residential: { color: '#ffffff', weight: 1.8 }, other: { color: '#f4f4f4', weight: 1.2 }
  };
  let map, agentLayer, tileLayer, roadsLayer, roadsRenderer, roadsAbort, roadsTimer, roadsMissing = false;
  let tileLoads = 0, tileErrors = 0, userMovedMap = false;

  function createMap() {
    map = L.map('map', { preferCanvas: true, zoomControl: true }).setView(DEFAULT_SETTINGS.center, DEFAULT_SETTINGS.zoom);
    // Roads below everything else, on their own canvas so thousands of segments stay cheap.
    map.createPane('roads').style.zIndex = 250;
    roadsRenderer = L.canvas({ pane: 'roads', padding: 0.3 });
    agentLayer = new CampoAgentLayer({
      styleOf: agentStyle,
      label: (id) => esc(agents.get(id)?.name || id),
      onClick: (id) => {
        selectAgent(id, false);
        const p = agentLayer.position(id);
        if (p) L.popup({ offset: [0, -6] }).setLatLng(p).setContent(agentPopup(agents.get(id))).openOn(map);
      },
      // A position counts as shown when the canvas holding it has been drawn (what `campoStats.delays` measures).
      onDrawn: (deviceTimes, drawMs, parts) => {
        stats.work.draw += drawMs;
        stats.work.drawParts[0] += parts[0]; stats.work.drawParts[1] += parts[1]; stats.work.drawParts[2] += parts[2];
        const now = Date.now();
        for (const t of deviceTimes) recordDelay(now - t);
      },
      schedule: requestAnimationFrameOrTimeout
    }).addTo(map);
    map.on('movestart', () => { if (bootFitDone) userMovedMap = true; });
    map.on('moveend', () => { sendViewportSoon(); if (campo.basemap === 'roads') loadRoadsSoon(); markListDirty(); });
  }

  async function setupBasemap() {
    let settings = DEFAULT_SETTINGS;
    try { settings = { ...DEFAULT_SETTINGS, ...(await api('/api/map/settings')) }; } catch (e) { /* older server: defaults */ }
    if (!userMovedMap && !bootFitDone && Array.isArray(settings.center)) map.setView(settings.center, settings.zoom || 12);
    if (!settings.tileUrl) { useRoads(); return; }
    tileLayer = L.tileLayer(settings.tileUrl, { maxZoom: 19, attribution: settings.attribution || '' });
    tileLayer.on('tileload', () => { tileLoads++; });
    // One failed tile can be a hiccup; failures with nothing loaded mean there is no tile server.
    tileLayer.on('tileerror', () => { tileErrors++; if (campo.basemap === 'tiles' && tileErrors >= 3 && tileLoads === 0) useRoads(); });
    tileLayer.addTo(map);
  }

  function useRoads() {
    campo.basemap = 'roads';
    if (tileLayer) { map.removeLayer(tileLayer); tileLayer = null; }
    loadRoadsSoon(0);
  }

  function loadRoadsSoon(delay = 250) {
    clearTimeout(roadsTimer);
    roadsTimer = setTimeout(loadRoads, delay);
  }

  async function loadRoads() {
    if (roadsMissing || !map) return;
    if (roadsAbort) roadsAbort.abort();
    roadsAbort = new AbortController();
    const b = map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(',');
    try {
      const roads = await api(`/api/map/roads?bbox=${bbox}&zoom=${map.getZoom()}`, { signal: roadsAbort.signal });
      if (roadsLayer) map.removeLayer(roadsLayer);
      roadsLayer = L.geoJSON(roads, { renderer: roadsRenderer, interactive: false,
        style: (f) => ({ ...(ROAD_STYLE[f.properties && f.properties.class] || ROAD_STYLE.other), opacity: 1 }) }).addTo(map);
      campo.roadFeatures = (roads && roads.features || []).length;
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (e.status === 404) roadsMissing = true; // server without the roads endpoint: stay on the background colour
    }
  }

  // ───────────────────────── agents: state, canvas layer, list ─────────────────────────
  const STALE_MS = 5 * 60 * 1000;
  const LOW_BATTERY = 20;
  const COLOURS = { online: '#2e7d32', stale: '#9e9e9e', offline: '#455a64', disabled: '#000000', offDuty: '#8d6e63', low: '#d32f2f', selected: '#0d47a1' };
  const agents = new Map();   // id -> {id, name, team, lat, lon, battery, charging, speed, heading, accuracy, lastSeenMs, online}
  let bootFitDone = false;

  function statusOf(a) {
    // A disabled agent (lost or stolen phone cut off) says so before anything its last fixes say.
    if (a.active === false) return 'disabled';
    // Outside working hours the phone stops reporting on purpose (issue #17): not a lost signal to chase.
    if (a.onDuty === false) return 'offDuty';
    if (a.online === false) return 'offline';
    if (a.lastSeenMs == null || Date.now() - a.lastSeenMs > STALE_MS) return 'stale';
    return 'online';
  }
  const isLow = (a) => a.battery != null && a.battery < LOW_BATTERY;

  function upsertAgent(fields) {
    let a = agents.get(fields.id);
    if (!a) { a = { id: fields.id, name: fields.id, team: null, online: true }; agents.set(a.id, a); namesOrder = null; markListDirty(true); }
    if (fields.name !== undefined && fields.name !== a.name) namesOrder = null;
    Object.assign(a, fields);
    return a;
  }

  // From GET /api/agents (names, teams, and positions when polling).
  function applyAgentList(list) {
    const seen = new Set();
    for (const row of list) {
      seen.add(row.id);
      const lastSeenMs = row.lastSeen ? Date.parse(row.lastSeen) : null;
      const current = agents.get(row.id);
      const newer = !current || current.lastSeenMs == null || (lastSeenMs != null && lastSeenMs >= current.lastSeenMs);
      const a = upsertAgent({ id: row.id, name: row.name || row.id, team: row.team ?? null, online: row.online !== false,
        active: row.active !== false, onDuty: row.onDuty !== false });
      // A frame may already hold a fresher position than this list; never move a marker backwards.
      if (newer && row.lat != null) {
        Object.assign(a, { lat: row.lat, lon: row.lon, battery: row.battery, charging: row.charging, speed: row.speed,
          heading: row.heading, accuracy: row.accuracy, lastSeenMs });
        placeMarker(a);
      } else if (newer && lastSeenMs == null) {
        a.lastSeenMs = null;
      }
    }
    agentLayer.redraw();
    for (const id of [...agents.keys()]) {
      if (!seen.has(id)) { agents.delete(id); agentLayer.delete(id); namesOrder = null; }
    }
    markListDirty(true);
    if (!bootFitDone) fitToAgents();
    campo.agentsLoaded = true;
  }

  function fitToAgents() {
    bootFitDone = true;
    if (userMovedMap) return;
    const points = [...agents.values()].filter((a) => a.lat != null).map((a) => [a.lat, a.lon]);
    if (points.length) map.fitBounds(points, { padding: [40, 40], maxZoom: 15 });
  }

  function placeMarker(a, deviceTime) {
    agentLayer.set(a.id, a.lat, a.lon, deviceTime);
  }

  // One shared style object per look: the layer draws all agents of one look as one canvas path.
  const agentStyles = new Map();
  function agentStyle(id) {
    const a = agents.get(id);
    const status = a ? statusOf(a) : 'stale', low = !!a && isLow(a), selected = campo.selected === id;
    const key = `${status}|${low}|${selected}`;
    let style = agentStyles.get(key);
    if (!style) {
      style = { fill: COLOURS[status], stroke: selected ? COLOURS.selected : low ? COLOURS.low : '#ffffff',
        weight: selected ? 3 : low ? 3 : 1.5, radius: selected ? 9 : low ? 7 : 6, front: selected };
      agentStyles.set(key, style);
    }
    return style;
  }

  function agentPopup(a) {
    if (!a) return '';
    const speed = a.speed != null ? `${(a.speed * 3.6).toFixed(0)} km/h` : '–';
    const charge = a.charging ? `⚡ ${t('charging')}` : t('notCharging');
    return `<strong>${esc(a.name)}</strong> <small>${esc(a.id)}</small><br>` +
      `${t('battery')}: <span class="${isLow(a) ? 'low' : ''}">${a.battery ?? '–'} %</span> (${charge})<br>` +
      `${t('lastSeen')}: ${ageText(a.lastSeenMs)}<br>${t('speed')}: ${speed}`;
  }

  // Time passes without frames: stale/online colours must follow the clock, not only new data.
  setInterval(() => { agentLayer.redraw(); markListDirty(true); }, 15000);

  // --- the side list: filtered ids computed at most once a second, rows virtualised ---
  // 10,000 agents would be 10,000 DOM rows rebuilt per frame; instead only the rows in view exist
  // (fixed height), refreshed in place by a throttled render.
  const ROW_HEIGHT = 46;
  const LIST_INTERVAL_MS = 1000;
  let filtered = [];
  let listDirty = false, listTimer = null, lastListRender = 0;
  const planSelection = new Set();

  function markListDirty(now) {
    listDirty = true;
    if (now) { clearTimeout(listTimer); listTimer = null; requestAnimationFrameOrTimeout(renderList); return; }
    if (listTimer) return;
    const wait = Math.max(0, LIST_INTERVAL_MS - (Date.now() - lastListRender));
    listTimer = setTimeout(() => { listTimer = null; renderList(); }, wait);
  }

  function requestAnimationFrameOrTimeout(fn) {
    // Hidden tabs get no animation frames; the timeout keeps the list and frames moving anyway.
    let done = false;
    const run = () => { if (!done) { done = true; fn(); } };
    requestAnimationFrame(run);
    setTimeout(run, 100);
  }

  function matches(a, query, team, status) {
    if (query && !a.name.toLowerCase().includes(query) && !a.id.toLowerCase().includes(query)) return false;
    if (team && String(a.team) !== team) return false;
    if (status === 'low') return isLow(a);
    if (status !== 'all' && statusOf(a) !== status) return false;
    return true;
  }

  function renderList() {
    if (!listDirty || $('app').hidden) return;
    listDirty = false;
    lastListRender = Date.now();
    const started = performance.now();
    const query = $('search').value.trim().toLowerCase();
    const team = $('team-filter').hidden ? '' : $('team-filter').value;
    const status = $('status-filter').value;
    const counts = { all: agents.size, online: 0, stale: 0, offline: 0, disabled: 0, offDuty: 0, low: 0 };
    filtered = [];
    for (const a of agents.values()) {
      counts[statusOf(a)]++;
      if (isLow(a)) counts.low++;
      if (matches(a, query, team, status)) filtered.push(a);
    }
    // Problems first (they are what a dispatcher looks for), then by name. Names are ranked once per change of the
    // fleet (localeCompare over 10,000 names every second cost the page hundreds of milliseconds).
    const order = nameOrder();
    for (const a of filtered) a.listRank = (isLow(a) ? 0 : 2) + (statusOf(a) === 'online' ? 1 : 0);
    filtered.sort((x, y) => x.listRank - y.listRank || order.get(x.id) - order.get(y.id));
    $('summary').textContent = t('summary')(counts);
    $('list-count').textContent = t('listCount')(filtered.length, agents.size);
    $('agent-rows').style.height = `${filtered.length * ROW_HEIGHT}px`;
    renderRows();
    stats.work.list += performance.now() - started;
  }

  let namesOrder = null;
  function nameOrder() {
    if (!namesOrder) {
      const collator = new Intl.Collator(locale());
      const sorted = [...agents.values()].sort((x, y) => collator.compare(x.name, y.name) || collator.compare(x.id, y.id));
      namesOrder = new Map(sorted.map((a, i) => [a.id, i]));
    }
    return namesOrder;
  }

  function renderRows() {
    const box = $('agent-list'), rows = $('agent-rows');
    const first = Math.max(0, Math.floor(box.scrollTop / ROW_HEIGHT) - 5);
    const visible = Math.ceil((box.clientHeight || 800) / ROW_HEIGHT) + 10;
    const last = Math.min(filtered.length, first + visible);
    let i = 0;
    for (let index = first; index < last; index++, i++) {
      let row = rows.children[i];
      if (!row) { row = document.createElement('div'); row.setAttribute('role', 'listitem'); rows.appendChild(row); }
      fillRow(row, filtered[index], index);
    }
    while (rows.children.length > i) rows.lastChild.remove();
  }

  function fillRow(row, a, index) {
    const status = statusOf(a), low = isLow(a);
    row.style.top = `${index * ROW_HEIGHT}px`;
    row.className = `agent-row ${status}${low ? ' low-battery' : ''}${campo.selected === a.id ? ' selected' : ''}`;
    row.dataset.agent = a.id;
    row.dataset.status = status;
    if (a.lat != null) { row.dataset.lat = a.lat; row.dataset.lon = a.lon; }
    const badges = (status === 'stale' ? `<span class="badge stale">${t('badgeStale')}</span>` : '') +
      (status === 'offline' ? `<span class="badge offline">${t('badgeOffline')}</span>` : '') +
      (status === 'disabled' ? `<span class="badge disabled">${t('badgeDisabled')}</span>` : '') +
      (status === 'offDuty' ? `<span class="badge off-duty">${t('badgeOffDuty')}</span>` : '') +
      (low ? `<span class="badge low">${t('badgeLow')}</span>` : '');
    const write = canWrite() ? `<input type="checkbox" class="plan-pick" aria-label="${esc(a.name)}"${planSelection.has(a.id) ? ' checked' : ''}>` : '';
    row.innerHTML = `${write}<span class="dot" style="background:${COLOURS[status]}"></span>` +
      `<span class="who"><span class="name">${esc(a.name)}</span>${badges}<br>` +
      `<small class="meta">${a.battery ?? '–'} %${a.charging ? ' ⚡' : ''} · ${ageText(a.lastSeenMs)}</small></span>`;
  }

  function onListClick(event) {
    const row = event.target.closest('.agent-row');
    if (!row) return;
    const id = row.dataset.agent;
    if (event.target.classList.contains('plan-pick')) {
      if (event.target.checked) planSelection.add(id); else planSelection.delete(id);
      renderPlanSelection();
      return;
    }
    selectAgent(id, true);
  }

  // --- teams filter: hidden on servers without /api/teams ---
  let teams = null;
  async function loadTeams() {
    try { teams = await api('/api/teams'); } catch (e) { teams = null; }
    renderTeamFilter();
  }
  function renderTeamFilter() {
    const select = $('team-filter');
    if (!Array.isArray(teams) || !teams.length) { select.hidden = true; return; }
    const value = select.value;
    select.innerHTML = `<option value="">${esc(t('allTeams'))}</option>` +
      teams.map((tm) => `<option value="${esc(tm.id)}">${esc(tm.name)} (${tm.agents ?? 0})</option>`).join('');
    select.value = value;
    select.hidden = false;
  }

  // ───────────────────── live socket, with polling fallback ─────────────────────
  // The socket carries coalesced frames; frames are queued and applied on the next animation frame
  // so a burst never blocks input. If the socket cannot open, GET /api/agents every 5 s keeps the
  // map useful while reconnects back off (1 s doubling to 30 s).
  const POLL_MS = 5000;
  // Frames only carry agents inside the viewport; the whole fleet's list (names, teams, who went
  // quiet elsewhere) is refreshed from GET /api/agents once a minute while live.
  const FLEET_REFRESH_MS = 60000;
  const live = { socket: null, mode: 'off', retryMs: 1000, retryTimer: null, pollTimer: null, queue: [], drainScheduled: false,
    viewportTimer: null, fleetTimer: null, wanted: false };

  function showMode(mode) {
    live.mode = mode;
    campo.mode = mode;
    const el = $('connection');
    el.dataset.mode = mode;
    el.textContent = t({ live: 'modeLive', polling: 'modePolling', connecting: 'modeConnecting', off: 'modeOff' }[mode]);
  }

  function connectLive() {
    live.wanted = true;
    clearTimeout(live.retryTimer);
    if (live.mode !== 'polling') showMode('connecting');
    let socket;
    // The token goes in the socket's first message (session.liveSocket), never in the URL.
    try { socket = session.liveSocket('/api/live'); } catch (e) { liveFailed(); return; }
    live.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      live.retryMs = 1000;
      stopPolling();
      showMode('live');
      sendViewport();
      clearInterval(live.fleetTimer);
      live.fleetTimer = setInterval(() => api('/api/agents').then(applyAgentList).catch(() => {}), FLEET_REFRESH_MS);
    };
    socket.onmessage = (event) => {
      let frame;
      const receivedAt = Date.now(), started = performance.now();
      try { frame = JSON.parse(event.data); } catch (e) { return; } finally { stats.work.parse += performance.now() - started; }
      if (frame.type !== 'frame') return;
      frame.receivedAt = receivedAt;
      live.queue.push(frame);
      stats.backlog = live.queue.length;
      scheduleDrain();
    };
    socket.onclose = () => {
      if (live.socket !== socket) return;
      live.socket = null;
      campo.ready = false;
      clearInterval(live.fleetTimer);
      if (!live.wanted) return;
      if (!opened) liveFailed(); else { startPolling(); scheduleReconnect(); }
    };
  }

  function liveFailed() {
    startPolling();
    scheduleReconnect();
  }

  function scheduleReconnect() {
    clearTimeout(live.retryTimer);
    live.retryTimer = setTimeout(connectLive, live.retryMs);
    live.retryMs = Math.min(30000, live.retryMs * 2);
  }

  function stopLive() {
    live.wanted = false;
    clearTimeout(live.retryTimer);
    clearTimeout(live.viewportTimer);
    clearInterval(live.fleetTimer);
    if (live.socket) { const s = live.socket; live.socket = null; s.close(); }
    stopPolling();
    live.queue = [];
    stats.backlog = 0;
    showMode('off');
  }

  function startPolling() {
    showMode('polling');
    if (live.pollTimer) return;
    const poll = () => api('/api/agents').then(applyAgentList).catch(() => {});
    live.pollTimer = setInterval(poll, POLL_MS);
    poll();
  }

  function stopPolling() {
    clearInterval(live.pollTimer);
    live.pollTimer = null;
  }

  function sendViewportSoon() {
    clearTimeout(live.viewportTimer);
    live.viewportTimer = setTimeout(sendViewport, 300);
  }

  function sendViewport() {
    if (!live.socket || live.socket.readyState !== WebSocket.OPEN || !map) return;
    const b = map.getBounds();
    live.socket.send(JSON.stringify({ type: 'viewport', bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] }));
  }

  function scheduleDrain() {
    if (live.drainScheduled) return;
    live.drainScheduled = true;
    requestAnimationFrameOrTimeout(drainFrames);
  }

  function drainFrames() {
    live.drainScheduled = false;
    const frames = live.queue;
    live.queue = [];
    const started = performance.now();
    for (const frame of frames) applyFrame(frame);
    stats.work.apply += performance.now() - started;
    // Acknowledge once the frames are applied: the server sends the next frame only then, so a busy page gets fewer,
    // fresher frames instead of a queue of stale ones. Before the draw rather than after the paint: the next frame
    // is then on its way while this one is drawn (`./campo bench live`: acks held back by the draw and paint delayed
    // the next frame past its 250 ms, and every position in it waited that much longer).
    if (frames.length && stats.lastFrameSeq != null && live.socket && live.socket.readyState === WebSocket.OPEN) {
      live.socket.send(JSON.stringify({ type: 'ack', seq: stats.lastFrameSeq }));
    }
    agentLayer.drawIfChanged(); // this is already an animation frame: draw in it rather than in the next one
    if (stats.stages) recordStages(frames, Date.now());
    stats.backlog = live.queue.length;
    if (frames.length && live.socket && live.socket.readyState === WebSocket.OPEN) campo.ready = true;
  }

  // Where a fix's delay goes, for `./campo bench live`: recorded only once the bench sets `campoStats.stages`, so a
  // dispatcher's page does no more per frame than note its arrival time. Per agent: frame sent and frame received,
  // both less the fix's device time; per frame: socket (received - sent), page (drawn - received), agents in it.
  function recordStages(frames, drawnAt) {
    const s = stats.stages;
    for (const frame of frames) {
      if (frame.sent == null || !frame.agents) continue;
      s.frames.push(frame.receivedAt - frame.sent, drawnAt - frame.receivedAt, frame.agents.length);
      // One agent update in eight: the same distribution for an eighth of the page's (and the bench's) work.
      for (let i = 0; i < frame.agents.length; i += 8) {
        const t = frame.agents[i].t;
        s.agents.push(frame.sent - t, frame.receivedAt - t);
      }
    }
  }

  function applyFrame(frame) {
    stats.frames++;
    stats.lastFrameSeq = frame.seq ?? stats.lastFrameSeq;
    let unknown = false;
    for (const f of frame.agents || []) {
      if (!agents.has(f.id)) unknown = true;
      const a = upsertAgent({ id: f.id, lat: f.lat, lon: f.lon, lastSeenMs: f.t, battery: f.battery, charging: f.charging,
        speed: f.speed, heading: f.heading, accuracy: f.accuracy, online: f.online !== false });
      placeMarker(a, f.t);
      stats.agentUpdates++;
    }
    if (frame.agents && frame.agents.length) markListDirty();
    if (unknown) refreshAgentNamesSoon();
    for (const e of frame.events || []) handleEvent(e);
  }

  let namesTimer = null;
  function refreshAgentNamesSoon() {
    if (namesTimer) return;
    namesTimer = setTimeout(() => { namesTimer = null; api('/api/agents').then(applyAgentList).catch(() => {}); }, 2000);
  }

  function handleEvent(e) {
    if (e.type === 'visit' || e.type === 'visit.override' || e.type === 'visit.rejudged') {
      const v = e.visit || {};
      const a = agents.get(v.agentId);
      const outcome = v.outcome ? (t('outcomes')[v.outcome.type] || v.outcome.type) : '';
      const verdict = t('visitStatus')[v.status] || v.status || '';
      // The dispatcher should know a verdict rests on a track the phone uploaded late.
      const late = v.lateEvidence ? ` · ${t('lateEvidence')(Math.round((v.evidenceDelaySeconds || 0) / 60))}` : '';
      toast(t('toastVisit')(a ? a.name : v.agentId || '?', `${outcome} · ${verdict}${late}`), v.status === 'REJECTED' ? 'bad' : 'good');
      if (v.agentId && v.agentId === detail.id) refreshDetailSoon();
    } else if (e.type === 'plan.progress') {
      if (plan.id != null && String(e.planId) === String(plan.id)) showPlanProgress(e.percent, e.phase);
    } else if (e.type === 'plan.done') {
      if (plan.id != null && String(e.planId) === String(plan.id)) pollPlan();
    } else if (e.type === 'plan.replanned') {
      // A re-plan of the day: draw its routes in place of the morning's.
      plan.id = e.planId;
      pollPlan();
    } else if (e.type === 'message') {
      const m = e.message || {};
      if (m.agentId === detail.id) addTimelineMessage(m);
    } else if (e.type === 'agent.status') {
      const a = agents.get(e.id);
      if (a) { a.online = e.online !== false; agentLayer.redraw(); markListDirty(); }
    } else if (e.type === 'agent.active') {
      const a = agents.get(e.id);
      if (a) { a.active = e.active !== false; agentLayer.redraw(); markListDirty(); }
    } else if (e.type === 'agent.duty') {
      const a = agents.get(e.id);
      if (a) { a.onDuty = e.onDuty !== false; agentLayer.redraw(); markListDirty(); }
    } else if (window.CampoAlerts.handles(e)) {
      window.CampoAlerts.event(e);
    }
  }

  // ───────────────────── agent detail: day, timeline, messages ─────────────────────
  const STOP_COLOURS = { pending: '#9e9e9e', paid: '#2e7d32', promise: '#1565c0', no_contact: '#ef6c00', rejected: '#c62828', other: '#7b1fa2' };
  const detail = { id: null, day: null, dayError: null, timeline: null, timelineError: null, layer: null, refreshTimer: null };

  function selectAgent(id, pan) {
    campo.selected = id;
    detail.id = id;
    const a = agents.get(id);
    agentLayer.redraw(); // styles are computed at draw time
    if (pan && a && a.lat != null) map.setView([a.lat, a.lon], Math.max(map.getZoom(), 15));
    $('detail').hidden = false;
    if (narrow()) setFleetOpen(false);
    $('message-status').textContent = '';
    setTimeout(() => map.invalidateSize(), 0);
    renderDetailFacts();
    markListDirty(true);
    loadDetail();
  }

  function closeDetail() {
    campo.selected = null;
    detail.id = null;
    agentLayer.redraw();
    clearDayLayer();
    $('detail').hidden = true;
    if (narrow()) setFleetOpen(true); // the list folded away for the detail comes back with it gone
    setTimeout(() => map.invalidateSize(), 0);
    markListDirty(true);
  }

  function renderDetailFacts() {
    const a = agents.get(detail.id);
    $('detail-name').textContent = a ? a.name : detail.id;
    $('detail-facts').innerHTML = a ? agentPopup(a) : '';
  }

  function refreshDetailSoon() {
    clearTimeout(detail.refreshTimer);
    detail.refreshTimer = setTimeout(loadDetail, 500);
  }

  function loadDetail() {
    const id = detail.id;
    if (!id) return;
    const date = $('day-date').value || today();
    const path = `/api/agents/${encodeURIComponent(id)}`;
    api(`${path}/day?date=${date}`).then((day) => { if (detail.id === id) { detail.day = day; detail.dayError = null; drawDay(); } })
      .catch((e) => { if (detail.id === id) { detail.day = null; detail.dayError = e; clearDayLayer(); renderDayStatus(); } });
    api(`${path}/timeline?date=${date}`).then((tl) => { if (detail.id === id) { detail.timeline = tl; detail.timelineError = null; campo.timeline = tl; renderTimeline(); } })
      .catch((e) => { if (detail.id === id) { detail.timeline = null; detail.timelineError = e; campo.timeline = null; renderTimeline(); } });
  }

  function clearDayLayer() {
    if (detail.layer) { map.removeLayer(detail.layer); detail.layer = null; }
    campo.day = null;
    campo.dayLayers = { route: false, stops: 0, trail: false, geofences: 0 };
  }

  function drawDay() {
    clearDayLayer();
    const day = detail.day;
    campo.day = day;
    const layer = detail.layer = L.layerGroup().addTo(map);
    const bounds = L.latLngBounds([]);
    const geofences = day.geofences && day.geofences.features ? day.geofences : null;
    if (geofences && geofences.features.length) {
      L.geoJSON(geofences, { style: { color: '#6a1b9a', weight: 1, fillOpacity: 0.06 },
        onEachFeature: (f, l) => l.bindTooltip(esc((f.properties && (f.properties.name || f.properties.externalId)) || '')) }).addTo(layer);
      campo.dayLayers.geofences = geofences.features.length;
    }
    if (day.trail && day.trail.coordinates && day.trail.coordinates.length > 1) {
      const trail = L.geoJSON(day.trail, { style: { color: '#37474f', weight: 2, dashArray: '4 6', opacity: 0.8 } }).addTo(layer);
      bounds.extend(trail.getBounds());
      campo.dayLayers.trail = true;
    }
    const route = day.route;
    if (route && route.geometry && route.geometry.coordinates && route.geometry.coordinates.length > 1) {
      const line = L.geoJSON(route.geometry, { style: { color: '#1565c0', weight: 4, opacity: 0.75 } }).addTo(layer);
      bounds.extend(line.getBounds());
      campo.dayLayers.route = true;
    }
    for (const stop of (route && route.stops) || []) {
      if (stop.lat == null) continue;
      const status = STOP_COLOURS[stop.status] ? stop.status : 'other';
      const icon = L.divIcon({ className: `stop-icon stop-${status}`, iconSize: [24, 24],
        html: `<span data-seq="${esc(stop.seq)}" data-status="${status}" style="background:${STOP_COLOURS[status]}">${esc(stop.seq)}</span>` });
      L.marker([stop.lat, stop.lon], { icon, title: stop.debtor ? stop.debtor.name : '' })
        .bindPopup(() => stopPopup(stop)).addTo(layer);
      bounds.extend([stop.lat, stop.lon]);
      campo.dayLayers.stops++;
    }
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 17 });
    renderDayStatus();
  }

  function stopPopup(stop) {
    const status = STOP_COLOURS[stop.status] ? stop.status : 'other';
    const debtor = stop.debtor ? `${esc(stop.debtor.name)} <small>${esc(stop.debtor.externalId)}</small>` : esc(stop.visitId);
    let html = `<strong>${t('stop')} ${esc(stop.seq)}</strong> · <span class="stop-status ${status}">${esc(t('stopStatus')[status])}</span><br>` +
      `${t('debtor')}: ${debtor}<br>${t('arrival')}: ${stop.arrival ? fmtTime(stop.arrival) : '–'}`;
    const eta = stop.status === 'pending' ? window.CampoAlerts.etaText(detail.id, stop.visitId) : null;
    if (eta) html += `<br>ETA: ${esc(eta)}`;
    const v = stop.visit;
    if (v) {
      const outcome = v.outcome && typeof v.outcome === 'object' ? v.outcome.type : v.outcome;
      html += `<br>${t('outcome')}: ${esc(t('outcomes')[outcome] || outcome || '–')}`;
      if (v.status) html += `<br>${t('validation')}: ${esc(t('visitStatus')[v.status] || v.status)}`;
      const failures = (v.failures || []).map((f) => (typeof f === 'string' ? f : f.reason));
      if (failures.length) html += `<br>${t('reasons')}:<ul class="reasons">${failures.map((f) => `<li>${esc(reasonText(f))}</li>`).join('')}</ul>`;
      html += overrideButton(v.id, v.status);
    }
    return html;
  }

  function renderDayStatus() {
    const el = $('day-status');
    if (detail.dayError) { el.textContent = `${t('dayUnavailable')} (${detail.dayError.message})`; return; }
    const day = detail.day;
    if (!day) { el.textContent = ''; return; }
    if (!day.route) { el.textContent = t('noRoute'); return; }
    const stops = day.route.stops || [];
    el.textContent = t('routeSummary')(stops.length, stops.filter((s) => s.status !== 'pending').length);
  }

  function renderTimeline() {
    const tl = detail.timeline;
    const events = $('timeline-events');
    if (!tl) {
      $('timeline-fixes').textContent = detail.timelineError ? t('timelineUnavailable') : '';
      $('battery-chart').replaceChildren();
      events.replaceChildren();
      return;
    }
    $('timeline-fixes').textContent = tl.fixes && tl.fixes.count ? t('fixes')(tl.fixes) : t('noFixes');
    $('battery-chart').innerHTML = batteryChart(tl.battery || []);
    const list = (tl.events || []).slice().sort((x, y) => Date.parse(x.t) - Date.parse(y.t));
    events.innerHTML = list.length ? list.map(eventItem).join('') : `<li class="muted">${t('noEvents')}</li>`;
  }

  function eventItem(e) {
    const time = `<time>${fmtTime(e.t)}</time>`;
    if (e.kind === 'visit') {
      const v = e.visit || e;
      const outcomeType = v.outcome && typeof v.outcome === 'object' ? v.outcome.type : v.outcome;
      const status = v.status || (v.validation && v.validation.status);
      const failures = (v.failures || (v.validation && v.validation.failures) || []).map((f) => (typeof f === 'string' ? f : f.reason));
      const debtor = v.debtor && typeof v.debtor === 'object' ? v.debtor.name || v.debtor.externalId : v.debtor;
      return `<li class="ev visit ${status === 'REJECTED' ? 'rejected' : ''}">${time} ${t('eventVisit')}${debtor ? ` · ${esc(debtor)}` : ''}: ` +
        `${esc(t('outcomes')[outcomeType] || outcomeType || '–')}${status ? ` · ${esc(t('visitStatus')[status] || status)}` : ''}` +
        `${failures.length ? ` <small>(${failures.map((f) => esc(reasonText(f))).join('; ')})</small>` : ''}` +
        `${overrideButton(e.visitId || v.id, status)}</li>`;
    }
    if (e.kind === 'message') {
      const m = e.message || e;
      return `<li class="ev message">${time} ${t('eventMessage')} (${esc(m.sentBy || '')}): ${esc(m.text)} ` +
        `<small>${m.delivered ? t('delivered') : t('pendingDelivery')}</small></li>`;
    }
    if (e.kind === 'online') return `<li class="ev online">${time} ${t('eventOnline')}</li>`;
    if (e.kind === 'offline') return `<li class="ev offline">${time} ${t('eventOffline')}</li>`;
    return `<li class="ev">${time} ${esc(e.kind)}</li>`;
  }

  // ───────────────────── override of a rejected visit ─────────────────────
  // A dispatcher who knows better (GPS lost inside a market, confirmed by phone) accepts a rejected visit with a
  // written reason; the server keeps it in the debtor's client log and tells every map (visit.override).
  function overrideButton(visitId, status) {
    if (status !== 'REJECTED' || visitId == null || !canWrite()) return '';
    return ` <button type="button" class="override" data-override-visit="${esc(visitId)}">${esc(t('accept'))}</button>`;
  }

  function openOverride(visitId) {
    $('override-visit').value = visitId;
    $('override-reason').value = '';
    $('override-status').textContent = '';
    $('override-dialog').showModal();
  }

  async function submitOverride(event) {
    event.preventDefault();
    const id = $('override-visit').value, reason = $('override-reason').value.trim(), status = $('override-status');
    if (reason.length < 10) { status.textContent = t('overrideShort'); return; }
    try {
      await api(`/api/visits/${encodeURIComponent(id)}/override`, { method: 'POST', body: { reason } });
    } catch (e) {
      if (e.status === 401) return;
      status.textContent = `${t('overrideFailed')}: ${e.message}`;
      return;
    }
    $('override-dialog').close();
    map.closePopup();
    toast(t('overrideDone')(id), 'good');
    refreshDetailSoon();
  }

  // ───────────────────── tablet: collapsible panels ─────────────────────
  // Below desktop width the map needs the room: the agent list folds away with a header button, and the
  // agent's detail lies over the map (app.css) instead of squeezing it.
  function setFleetOpen(open) {
    document.body.classList.toggle('fleet-collapsed', !open);
    $('fleet-toggle').setAttribute('aria-expanded', String(open));
    if (map) setTimeout(() => map.invalidateSize(), 0);
  }
  const narrow = () => window.matchMedia('(max-width: 1100px)').matches;

  // A hand-drawn SVG polyline: a chart library would be larger than this whole page.
  function batteryChart(points) {
    if (points.length < 2) return '';
    const W = 260, H = 60;
    const t0 = Date.parse(points[0].t), t1 = Date.parse(points[points.length - 1].t);
    const span = Math.max(1, t1 - t0);
    const xy = points.map((p) => [((Date.parse(p.t) - t0) / span) * W, H - (Math.max(0, Math.min(100, p.level)) / 100) * H]);
    const line = xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
    const charging = xy.filter((_, i) => points[i].charging)
      .map(([x, y]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="1.8" fill="#2e7d32"/>`).join('');
    const lowY = H - (LOW_BATTERY / 100) * H;
    return `<svg class="battery" viewBox="0 0 ${W} ${H}" width="100%" height="${H}" role="img" aria-label="${t('battery')}">` +
      `<line x1="0" x2="${W}" y1="${lowY}" y2="${lowY}" stroke="#d32f2f" stroke-dasharray="3 3" stroke-width="0.8"/>` +
      `<polyline points="${line}" fill="none" stroke="#1565c0" stroke-width="1.5"/>${charging}</svg>` +
      `<div class="chart-axis"><span>${fmtTime(points[0].t)}</span><span>${t('battery')} %</span><span>${fmtTime(points[points.length - 1].t)}</span></div>`;
  }

  function addTimelineMessage(m) {
    if (!detail.timeline) detail.timeline = { agentId: detail.id, fixes: { count: 0, distanceMeters: 0 }, battery: [], events: [] };
    const events = detail.timeline.events || (detail.timeline.events = []);
    if (m.id != null && events.some((e) => e.kind === 'message' && (e.id === m.id || (e.message && e.message.id === m.id)))) return;
    events.push({ t: m.sentAt || new Date().toISOString(), kind: 'message', id: m.id, text: m.text, sentBy: m.sentBy, delivered: m.delivered });
    campo.timeline = detail.timeline;
    renderTimeline();
  }

  async function sendMessage(event) {
    event.preventDefault();
    const status = $('message-status');
    const text = $('message-text').value.trim();
    status.className = '';
    if (!text) { status.textContent = t('messageEmpty'); status.className = 'error'; return; }
    const id = detail.id;
    try {
      const message = await api(`/api/agents/${encodeURIComponent(id)}/messages`, { method: 'POST', body: { text } });
      $('message-text').value = '';
      status.textContent = t('messageSent');
      if (detail.id === id) addTimelineMessage(message);
    } catch (e) {
      status.textContent = `${t('messageFailed')}: ${e.message}`;
      status.className = 'error';
    }
  }

  // ───────────────────────────── planning ─────────────────────────────
  const PLAN_POLL_MS = 2000;
  const ROUTE_COLOURS = ['#1565c0', '#c2185b', '#00897b', '#f57c00', '#5e35b1', '#6d4c41', '#00acc1', '#7cb342'];
  const plan = { id: null, pollTimer: null, layer: null };

  function renderPlanSelection() {
    $('plan-selection').textContent = t('selected')(planSelection.size);
  }

  function selectVisible(all) {
    if (!all) planSelection.clear();
    else for (const a of filtered) planSelection.add(a.id);
    renderPlanSelection();
    markListDirty(true);
  }

  async function submitPlan(event) {
    event.preventDefault();
    const error = $('plan-error');
    error.textContent = '';
    if (!planSelection.size) { error.textContent = t('planNoAgents'); return; }
    const maxVisits = Number($('plan-max').value);
    const centre = map.getCenter();
    // The start and end of each route is where the agent is now; with no position yet, the map centre.
    const agentsBody = [...planSelection].map((id) => {
      const a = agents.get(id);
      const at = a && a.lat != null ? { lat: a.lat, lon: a.lon } : { lat: centre.lat, lon: centre.lng };
      return { id, profile: $('plan-profile').value, shiftStart: $('plan-start').value, shiftEnd: $('plan-end').value,
        start: at, end: at, maxVisits };
    });
    // The per-agent cap bounds each route; the portfolio draws enough debtors to fill every route.
    const body = { date: $('plan-date').value || today(), agents: agentsBody, portfolio: { maxVisits: maxVisits * agentsBody.length } };
    // A plan is one team's (an admin must name it): the selected agents' team when they share one.
    const teams = new Set([...planSelection].map((id) => (agents.get(id) || {}).team).filter((team) => team));
    if (teams.size === 1) body.team = [...teams][0];
    $('plan-submit').disabled = true;
    try {
      const accepted = await api('/api/plans', { method: 'POST', body });
      plan.id = accepted.id;
      campo.plan = { id: accepted.id, status: 'running', percent: 0 };
      $('plan-status').textContent = t('planStarted')(accepted.id, accepted.visits);
      showPlanProgress(0, null);
      clearInterval(plan.pollTimer);
      plan.pollTimer = setInterval(pollPlan, PLAN_POLL_MS);
    } catch (e) {
      $('plan-submit').disabled = false;
      const title = t('planErrors')[e.status] || t('requestFailed');
      error.textContent = `${title}: ${e.message}`;
    }
  }

  function showPlanProgress(percent, phase) {
    const bar = $('plan-progress');
    bar.hidden = false;
    bar.value = Math.max(bar.value || 0, Number(percent) || 0);
    if (campo.plan) campo.plan.percent = bar.value;
    if (phase) $('plan-status').textContent = `${t('planPhase')[phase] || phase} · ${Math.round(bar.value)} %`;
  }

  async function pollPlan() {
    const id = plan.id;
    if (id == null) return;
    let job;
    try { job = await api(`/api/plans/${id}`); } catch (e) { return; }
    if (plan.id !== id) return;
    if (job.status === 'running') { showPlanProgress(job.percent, job.phase); return; }
    clearInterval(plan.pollTimer);
    plan.pollTimer = null;
    plan.id = null;
    $('plan-submit').disabled = false;
    campo.plan = { id, status: job.status, percent: 100 };
    if (job.status === 'done') {
      showPlanProgress(100, null);
      const routes = (job.result && job.result.routes) || [];
      drawPlanRoutes(routes);
      $('plan-status').textContent = t('planDone')(routes.length);
      if (detail.id) loadDetail();
    } else {
      $('plan-error').textContent = `${t('planFailed')}: ${job.error || job.status}`;
    }
  }

  function drawPlanRoutes(routes) {
    if (plan.layer) map.removeLayer(plan.layer);
    plan.layer = L.layerGroup().addTo(map);
    const bounds = L.latLngBounds([]);
    let drawn = 0;
    routes.forEach((r, i) => {
      if (!r.geometry || !r.geometry.coordinates || r.geometry.coordinates.length < 2) return;
      const a = agents.get(r.agentId);
      const line = L.geoJSON(r.geometry, { style: { color: ROUTE_COLOURS[i % ROUTE_COLOURS.length], weight: 3, opacity: 0.7 } })
        .bindTooltip(esc(a ? a.name : r.agentId)).addTo(plan.layer);
      bounds.extend(line.getBounds());
      drawn++;
    });
    campo.planRoutes = drawn;
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [30, 30] });
  }

  // ───────────────────────────── session and boot ─────────────────────────────
  function showLogin() {
    $('login').hidden = false; $('app').hidden = true; $('logout').hidden = true; $('reports-link').hidden = true;
    $('office-link').hidden = true;
    $('summary').textContent = '';
  }

  // After session.js has cleared the token (the Salir button or a 401).
  function afterLogout() {
    stopLive();
    campo.ready = false;
    clearInterval(plan.pollTimer);
    if (detail.id) closeDetail();
    window.CampoAlerts.stop();
    showLogin();
  }

  async function start() {
    $('login').hidden = true; $('app').hidden = false; $('logout').hidden = false;
    document.querySelectorAll('.office-write').forEach((el) => { el.hidden = !canWrite(); });
    // The manager page (reports) shares this session, so the link needs no second login.
    $('reports-link').hidden = !['admin', 'manager', 'dispatcher'].includes(session.role);
    $('office-link').hidden = $('reports-link').hidden;
    if (!map) createMap(); else map.invalidateSize();
    $('day-date').value = $('day-date').value || today();
    $('plan-date').value = $('plan-date').value || today();
    setupBasemap();
    loadTeams();
    try { applyAgentList(await api('/api/agents')); } catch (e) { if (e.status === 401) return; }
    window.CampoAlerts.start((id) => (agents.get(id) || {}).name || id, (id) => selectAgent(id, true));
    connectLive();
  }

  session.setup({ t, onLogin: start, onLogout: afterLogout, onLanguage: applyLanguage });
  $('search').oninput = () => markListDirty(true);
  $('status-filter').onchange = () => markListDirty(true);
  $('team-filter').onchange = () => markListDirty(true);
  $('agent-list').addEventListener('click', onListClick);
  $('agent-list').addEventListener('scroll', () => renderRows(), { passive: true });
  $('detail-close').onclick = closeDetail;
  $('day-date').onchange = loadDetail;
  $('message-form').onsubmit = sendMessage;
  $('plan-form').onsubmit = submitPlan;
  $('plan-all').onclick = () => selectVisible(true);
  $('plan-none').onclick = () => selectVisible(false);
  $('fleet-toggle').onclick = () => setFleetOpen(document.body.classList.contains('fleet-collapsed'));
  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-override-visit]');
    if (button) openOverride(button.dataset.overrideVisit);
  });
  $('override-form').onsubmit = submitOverride;
  $('override-cancel').onclick = () => $('override-dialog').close();
  applyLanguage();
  if (session.token) start(); else showLogin();
})();
