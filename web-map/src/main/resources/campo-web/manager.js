// Campo manager page: KPI cards, the weekday × hour contact heatmap with its best windows, and the
// per-agent table, each exportable as CSV. One classic script like app.js (no build step, no CDN:
// the agency's network may be offline). It shares the map's session (sessionStorage `campo.token`,
// `campo.role`) and language choice (localStorage `campo.lang`), so coming from the map needs no
// second login; that session, the api client and login/logout are session.js's, loaded first.
// Sections: i18n · formatting · filters · KPIs · heatmap · agents · CSV ·
// session/boot. Shapes: README "Contact-hour report" and the issue-6 KPI contract.
(function () {
  'use strict';

  // ───────────────────────────── i18n ─────────────────────────────
  const TEXT = {
    es: {
      pageTitle: 'Informes', backToMap: 'Mapa', logout: 'Salir', loginTitle: 'Iniciar sesión', user: 'Usuario',
      password: 'Contraseña', signIn: 'Entrar', badLogin: 'Usuario o contraseña incorrectos', loginFailed: 'No se pudo iniciar sesión',
      switchTo: 'English', from: 'Desde', to: 'Hasta', team: 'Equipo', allTeams: 'Todos los equipos', agent: 'Agente',
      allAgents: 'Todos los agentes', segment: 'Segmento', segmentAny: 'Todos', minAttempts: 'Mín. intentos por celda',
      apply: 'Actualizar', csv: 'Descargar CSV', loading: 'Cargando…',
      badRange: 'La fecha inicial debe ser anterior o igual a la final', badDates: 'Indica las dos fechas',
      badMin: 'El mínimo de intentos debe ser un número entero de 1 en adelante',
      loadFailed: (what, status, msg) => `No se pudo cargar ${what}${status ? ` (error ${status})` : ''}: ${msg}`,
      networkError: 'sin conexión con el servidor', theHeatmap: 'el mapa de horas', theKpis: 'los indicadores',
      notOffice: 'Esta página es para administradores, gerentes y despachadores.',
      loadedAt: (zone) => `Horas locales de ${zone}`,
      kpiTitle: 'Indicadores', heatmapTitle: 'Contacto por día y hora', agentsTitle: 'Por agente', bestWindows: 'Mejores franjas',
      kpiMissing: 'Los indicadores aún no están disponibles en este servidor.',
      kpiPeriod: (p, q) => `${p.from} a ${p.to} (${p.days} días) · comparado con ${q.from} a ${q.to}`,
      noVisits: 'Sin visitas en este periodo con estos filtros.', noWindows: 'Ninguna franja con datos suficientes todavía.',
      noAgents: 'Ningún agente con actividad en este periodo.',
      totals: (a, c) => `${fmtInt(a)} intentos · ${fmtInt(c)} contactos`,
      weekdays: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
      weekdaysShort: ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'],
      few: 'pocos datos', legendRate: 'Tasa de contacto 0 % → 100 %', legendSparse: (n) => `Pocos datos (menos de ${n} intentos)`,
      attempts: (n) => `${fmtInt(n)} ${n === 1 ? 'intento' : 'intentos'}`, contacts: (n) => `${fmtInt(n)} ${n === 1 ? 'contacto' : 'contactos'}`,
      interval: 'IC 95 %', tooFew: (min) => `pocos datos (mínimo ${min} intentos): sin tasa`,
      window: (day, from, to, rate, lo, hi) => `${day} ${from}–${to}: ${rate} % (${lo}–${hi} %)`,
      pct: (v) => `${v} %`, points: 'pts', newValue: 'sin periodo anterior', noChange: 'sin cambio', previous: 'Anterior',
      kpiNames: {
        collectionPeriodDays: 'Periodo medio de cobro', averageDebtAgeDays: 'Antigüedad media de la deuda',
        overduePercent: 'Cartera vencida', clientsManagedPercent: 'Clientes gestionados', recoveryRatePercent: 'Tasa de recuperación',
        promisesMade: 'Promesas hechas', promisesKept: 'Promesas cumplidas', promisesBroken: 'Promesas incumplidas',
        visitsPerAgentDay: 'Visitas por agente y día', averageVisitMinutes: 'Duración media de la visita',
        distanceKmPerAgentDay: 'Km por agente y día', rejectedPercent: 'Visitas rechazadas' },
      units: { days: 'días', percent: '%', count: '', minutes: 'min', km: 'km', money: '' },
      columns: { agent: 'Agente', team: 'Equipo', days: 'Días', visits: 'Visitas', contacts: 'Contactos', contactRate: 'Tasa de contacto',
        rejected: 'Rechazadas', promises: 'Promesas', collected: 'Cobrado', visitMinutes: 'Minutos de visita', distanceKm: 'Km' },
      csvHeatmap: ['Día', 'Número de día', 'Hora', 'Intentos', 'Contactos', 'Pocos datos', 'Tasa de contacto', 'IC 95 % inferior', 'IC 95 % superior'],
      csvKpis: ['Indicador', 'Clave', 'Valor', 'Anterior', 'Unidad', 'Desde', 'Hasta', 'Anterior desde', 'Anterior hasta'],
      csvAgentId: 'Id de agente', yes: 'sí', no: 'no',
      fileHeatmap: 'horas-de-contacto', fileKpis: 'indicadores', fileAgents: 'agentes'
    },
    en: {
      pageTitle: 'Reports', backToMap: 'Map', logout: 'Log out', loginTitle: 'Sign in', user: 'User', password: 'Password',
      signIn: 'Sign in', badLogin: 'Wrong user or password', loginFailed: 'Could not sign in',
      switchTo: 'Español', from: 'From', to: 'To', team: 'Team', allTeams: 'All teams', agent: 'Agent', allAgents: 'All agents',
      segment: 'Segment', segmentAny: 'All', minAttempts: 'Min. attempts per cell', apply: 'Update', csv: 'Download CSV', loading: 'Loading…',
      badRange: 'The start date must not be after the end date', badDates: 'Give both dates',
      badMin: 'The minimum of attempts must be a whole number from 1',
      loadFailed: (what, status, msg) => `Could not load ${what}${status ? ` (error ${status})` : ''}: ${msg}`,
      networkError: 'no connection to the server', theHeatmap: 'the contact hours', theKpis: 'the KPIs',
      notOffice: 'This page is for admins, managers and dispatchers.',
      loadedAt: (zone) => `Local hours of ${zone}`,
      kpiTitle: 'Key figures', heatmapTitle: 'Contact by weekday and hour', agentsTitle: 'By agent', bestWindows: 'Best windows',
      kpiMissing: 'KPIs are not available on this server yet.',
      kpiPeriod: (p, q) => `${p.from} to ${p.to} (${p.days} days) · against ${q.from} to ${q.to}`,
      noVisits: 'No visits in this period with these filters.', noWindows: 'No window with enough data yet.',
      noAgents: 'No agent with activity in this period.',
      totals: (a, c) => `${fmtInt(a)} attempts · ${fmtInt(c)} contacts`,
      weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
      weekdaysShort: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
      few: 'too few', legendRate: 'Contact rate 0% → 100%', legendSparse: (n) => `Too few data (under ${n} attempts)`,
      attempts: (n) => `${fmtInt(n)} ${n === 1 ? 'attempt' : 'attempts'}`, contacts: (n) => `${fmtInt(n)} ${n === 1 ? 'contact' : 'contacts'}`,
      interval: '95% CI', tooFew: (min) => `too few data (minimum ${min} attempts): no rate`,
      window: (day, from, to, rate, lo, hi) => `${day} ${from}–${to}: ${rate}% (${lo}–${hi}%)`,
      pct: (v) => `${v}%`, points: 'pts', newValue: 'no previous period', noChange: 'no change', previous: 'Previous',
      kpiNames: {
        collectionPeriodDays: 'Average collection period', averageDebtAgeDays: 'Average debt age',
        overduePercent: 'Overdue portfolio', clientsManagedPercent: 'Clients managed', recoveryRatePercent: 'Recovery rate',
        promisesMade: 'Promises made', promisesKept: 'Promises kept', promisesBroken: 'Promises broken',
        visitsPerAgentDay: 'Visits per agent-day', averageVisitMinutes: 'Average visit length',
        distanceKmPerAgentDay: 'Km per agent-day', rejectedPercent: 'Rejected visits' },
      units: { days: 'days', percent: '%', count: '', minutes: 'min', km: 'km', money: '' },
      columns: { agent: 'Agent', team: 'Team', days: 'Days', visits: 'Visits', contacts: 'Contacts', contactRate: 'Contact rate',
        rejected: 'Rejected', promises: 'Promises', collected: 'Collected', visitMinutes: 'Visit minutes', distanceKm: 'Km' },
      csvHeatmap: ['Weekday', 'Weekday number', 'Hour', 'Attempts', 'Contacts', 'Too few', 'Contact rate', '95% CI lower', '95% CI upper'],
      csvKpis: ['KPI', 'Key', 'Value', 'Previous', 'Unit', 'From', 'To', 'Previous from', 'Previous to'],
      csvAgentId: 'Agent id', yes: 'yes', no: 'no',
      fileHeatmap: 'contact-hours', fileKpis: 'kpis', fileAgents: 'agents'
    }
  };
  // The contract's KPI names, in the order the cards show them; unknown names a newer server adds follow.
  const KPI_ORDER = ['collectionPeriodDays', 'averageDebtAgeDays', 'overduePercent', 'clientsManagedPercent', 'recoveryRatePercent',
    'promisesMade', 'promisesKept', 'promisesBroken', 'visitsPerAgentDay', 'averageVisitMinutes', 'distanceKmPerAgentDay', 'rejectedPercent'];
  // For these a fall is good news, so a falling arrow is green.
  const LOWER_IS_BETTER = new Set(['collectionPeriodDays', 'averageDebtAgeDays', 'overduePercent', 'promisesBroken', 'rejectedPercent']);
  // Longer visits or more kilometres are neither good nor bad news by themselves: their change is shown uncoloured.
  const NEUTRAL = new Set(['averageVisitMinutes', 'distanceKmPerAgentDay']);
  const AGENT_COLUMNS = ['agent', 'team', 'days', 'visits', 'contacts', 'contactRate', 'rejected', 'promises', 'collected',
    'visitMinutes', 'distanceKm'];
  const OFFICE_ROLES = new Set(['admin', 'manager', 'dispatcher']);

  // Session, language choice, api client and the small DOM helpers are the map's (session.js).
  const session = window.CampoSession;
  const { $, esc, api, ApiError } = session;
  const t = (key) => TEXT[session.lang][key];
  const locale = () => (session.lang === 'es' ? 'es-MX' : 'en-US');

  // What the browser tests read.
  const state = window.campoManager = {
    ready: false, loads: 0, done: 0, report: null, kpis: null, kpiStatus: 'none', error: null, sort: { key: 'visits', dir: -1 }
  };

  // ───────────────────────────── formatting ─────────────────────────────
  function fmtNumber(v, digits) {
    return Number(v).toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  function fmtInt(v) { return fmtNumber(v, 0); }
  const pct0 = (fraction) => Math.round(fraction * 100);
  const hh = (h) => `${String(h).padStart(2, '0')}:00`;

  // Periods are days of the agency's calendar (CAMPO_TIME_ZONE), whatever the browser's zone.
  const daysAgo = (n) => session.agencyDate(-n);

  // The server's generic "no route here" answer, as opposed to a 404 the KPI handler itself might give.
  const isMissingRoute = (e) => e instanceof ApiError && e.status === 404 && e.message === 'no such resource';

  // ───────────────────────────── filters ─────────────────────────────
  let teams = [];
  let agents = [];

  async function loadChoices() {
    try { teams = await api('/api/teams') || []; } catch (e) { teams = []; }
    try { agents = await api('/api/agents') || []; } catch (e) { agents = []; }
    renderTeamChoices();
    renderAgentChoices();
  }

  function renderTeamChoices() {
    const select = $('f-team');
    const current = select.value;
    select.innerHTML = `<option value="">${esc(t('allTeams'))}</option>` +
      teams.map((tm) => `<option value="${esc(tm.id)}">${esc(tm.name || tm.id)}</option>`).join('');
    select.value = teams.some((tm) => tm.id === current) ? current : '';
    $('f-team-label').hidden = teams.length === 0;
  }

  // Only the agents of the chosen team are offered, so a combination that cannot match is not offered either.
  function renderAgentChoices() {
    const select = $('f-agent');
    const current = select.value;
    const team = $('f-team').value;
    const shown = agents.filter((a) => !team || a.team === team)
      .sort((a, b) => String(a.name || a.id).localeCompare(String(b.name || b.id), locale()));
    select.innerHTML = `<option value="">${esc(t('allAgents'))}</option>` +
      shown.map((a) => `<option value="${esc(a.id)}">${esc(a.name || a.id)}${a.name && a.name !== a.id ? ` (${esc(a.id)})` : ''}</option>`).join('');
    select.value = shown.some((a) => a.id === current) ? current : '';
  }

  function readFilters() {
    const f = { from: $('f-from').value, to: $('f-to').value, team: $('f-team').value, agent: $('f-agent').value,
      segment: $('f-segment').value.trim(), minAttempts: $('f-min').value.trim() };
    if (!f.from || !f.to) return { error: t('badDates') };
    if (f.from > f.to) return { error: t('badRange') };
    return f;
  }

  function query(f, withMin) {
    const q = new URLSearchParams({ from: f.from, to: f.to });
    for (const key of ['agent', 'team', 'segment']) if (f[key]) q.set(key, f[key]);
    if (withMin && f.minAttempts !== '') q.set('minAttempts', f.minAttempts);
    return q.toString();
  }

  function showError(text) {
    $('report-error').textContent = text || '';
    $('report-error').hidden = !text;
    state.error = text || null;
  }

  async function refresh(event) {
    if (event) event.preventDefault();
    const f = readFilters();
    if (f.error) { showError(f.error); return; }
    showError('');
    rememberSegment(f.segment);
    $('report-status').textContent = t('loading');
    const load = ++state.loads;
    const [report, kpis] = await Promise.allSettled([
      api(`/api/reports/contact-hours?${query(f, true)}`),
      api(`/api/reports/kpis?${query(f, false)}`)
    ]);
    if (load !== state.loads) return; // a newer request is under way: its answer wins
    const errors = [];
    if (report.status === 'fulfilled') {
      state.report = report.value;
    } else {
      state.report = null;
      if (report.reason.status !== 401) errors.push(t('loadFailed')(t('theHeatmap'), report.reason.status, report.reason.message));
    }
    if (kpis.status === 'fulfilled') {
      state.kpis = kpis.value; state.kpiStatus = 'ok';
    } else if (isMissingRoute(kpis.reason)) {
      state.kpis = null; state.kpiStatus = 'missing';
    } else {
      state.kpis = null; state.kpiStatus = 'error';
      if (kpis.reason.status !== 401) errors.push(t('loadFailed')(t('theKpis'), kpis.reason.status, kpis.reason.message));
    }
    showError(errors.join('\n'));
    renderAll();
    state.ready = true;
    state.done = load;
  }

  // Segments are free text; the ones used before on this browser are offered again.
  function rememberSegment(segment) {
    if (!segment) return;
    const known = JSON.parse(localStorage.getItem('campo.segments') || '[]').filter((s) => s !== segment);
    known.unshift(segment);
    localStorage.setItem('campo.segments', JSON.stringify(known.slice(0, 20)));
    renderSegments();
  }
  function renderSegments() {
    let known = [];
    try { known = JSON.parse(localStorage.getItem('campo.segments') || '[]'); } catch (e) { known = []; }
    $('segments').innerHTML = known.map((s) => `<option value="${esc(s)}"></option>`).join('');
  }

  function renderAll() {
    const r = state.report;
    $('report-status').textContent = r ? t('loadedAt')(r.timeZone) : '';
    renderKpis();
    renderHeatmap();
    renderAgents();
  }

  // ───────────────────────────── KPIs ─────────────────────────────
  function kpiNames(k) {
    const names = Object.keys(k || {});
    return KPI_ORDER.filter((n) => names.includes(n)).concat(names.filter((n) => !KPI_ORDER.includes(n)));
  }
  const kpiLabel = (name) => t('kpiNames')[name] || name;

  function money(v) {
    const currencies = state.kpis && state.kpis.currencies;
    if (Array.isArray(currencies) && currencies.length === 1) {
      try { return Number(v).toLocaleString(locale(), { style: 'currency', currency: currencies[0] }); } catch (e) { /* unknown code */ }
    }
    return fmtNumber(v, 2);
  }

  function kpiValue(value, unit) {
    if (value == null) return '—';
    switch (unit) {
      case 'count': return fmtNumber(value, Number.isInteger(value) ? 0 : 1);
      case 'percent': return t('pct')(fmtNumber(value, 1));
      case 'money': return money(value);
      case 'days': case 'minutes': case 'km': return `${fmtNumber(value, 1)} ${t('units')[unit]}`;
      default: return fmtNumber(value, 1);
    }
  }

  // Percent KPIs change in points; the others as a percentage of the previous value.
  function kpiChange(name, k) {
    if (k.value == null || k.previous == null) return { text: k.value == null ? '—' : t('newValue'), kind: 'none' };
    const delta = k.value - k.previous;
    if (Math.abs(delta) < 1e-9) return { text: `= ${t('noChange')}`, kind: 'same' };
    const up = delta > 0;
    const arrow = up ? '▲' : '▼';
    const good = LOWER_IS_BETTER.has(name) ? !up : up;
    let amount;
    if (k.unit === 'percent') amount = `${fmtNumber(Math.abs(delta), 1)} ${t('points')}`;
    else if (k.previous === 0) amount = kpiValue(Math.abs(delta), k.unit);
    else amount = t('pct')(fmtNumber(Math.abs(delta / k.previous) * 100, 0));
    return { text: `${arrow} ${amount}`, kind: NEUTRAL.has(name) ? 'same' : good ? 'better' : 'worse' };
  }

  function renderKpis() {
    const box = $('kpi-cards');
    const k = state.kpis;
    const empty = $('kpi-empty');
    $('csv-kpis').disabled = !(k && k.kpis);
    $('kpi-period').textContent = k && k.period && k.previous ? t('kpiPeriod')(k.period, k.previous) : '';
    if (state.kpiStatus === 'missing') {
      box.innerHTML = ''; empty.textContent = t('kpiMissing'); empty.hidden = false; return;
    }
    if (!k || !k.kpis) { box.innerHTML = ''; empty.hidden = true; return; }
    empty.hidden = true;
    box.innerHTML = kpiNames(k.kpis).map((name) => {
      const kpi = k.kpis[name] || {};
      const change = kpiChange(name, kpi);
      return `<div class="kpi" data-kpi="${esc(name)}"><div class="label">${esc(kpiLabel(name))}</div>` +
        `<div class="value">${esc(kpiValue(kpi.value, kpi.unit))}</div>` +
        `<div class="change ${change.kind}">${esc(change.text)}</div>` +
        `<div class="previous">${esc(t('previous'))}: ${esc(kpiValue(kpi.previous, kpi.unit))}</div></div>`;
    }).join('');
  }

  // ───────────────────────────── heatmap ─────────────────────────────
  // Red (low) through yellow to green (high): the usual reading for "worth going then".
  function rateColour(rate) {
    const hue = Math.round(120 * Math.max(0, Math.min(1, rate)));
    return `hsl(${hue}, ${hue > 90 ? 55 : 70}%, ${hue > 90 ? 55 : 64}%)`;
  }

  function cellText(c, min) {
    const where = `${t('weekdays')[c.weekday - 1]} ${hh(c.hour)}–${hh(c.hour + 1)}`;
    const counts = `${t('attempts')(c.attempts)} · ${t('contacts')(c.contacts)}`;
    if (c.sparse) return `${where} · ${counts} · ${t('tooFew')(min)}`;
    return `${where} · ${counts} · ${t('pct')(pct0(c.rate))} (${t('interval')}: ${pct0(c.lower)}–${t('pct')(pct0(c.upper))})`;
  }

  function renderHeatmap() {
    const r = state.report;
    const table = $('heatmap');
    const hasData = r && r.totals && r.totals.attempts > 0;
    $('csv-heatmap').disabled = !r;
    $('heatmap-empty').hidden = !(r && !hasData);
    $('heatmap-empty').textContent = t('noVisits');
    $('heatmap-wrap').hidden = !hasData;
    $('heatmap-totals').textContent = r && r.totals ? t('totals')(r.totals.attempts, r.totals.contacts) : '';
    const min = r && r.filter ? r.filter.minAttempts : 10;
    if (!hasData) {
      table.innerHTML = '';
    } else {
      const byCell = new Map(r.cells.map((c) => [`${c.weekday}-${c.hour}`, c]));
      let html = '<thead><tr><th></th>' + Array.from({ length: 24 }, (_, h) => `<th scope="col">${h}</th>`).join('') + '</tr></thead><tbody>';
      for (let d = 1; d <= 7; d++) {
        html += `<tr><th scope="row" class="day">${esc(t('weekdaysShort')[d - 1])}</th>`;
        for (let h = 0; h < 24; h++) {
          const c = byCell.get(`${d}-${h}`) || { weekday: d, hour: h, attempts: 0, contacts: 0, sparse: true };
          const label = esc(cellText(c, min));
          const data = `data-weekday="${d}" data-hour="${h}" data-attempts="${c.attempts}" data-contacts="${c.contacts}" tabindex="0" aria-label="${label}" data-tip="${label}"`;
          if (c.sparse && c.attempts === 0) {
            html += `<td class="sparse empty-cell" ${data}></td>`;
          } else if (c.sparse) {
            // Never a rate here: 3 of 3 is not "100 %".
            html += `<td class="sparse" ${data}><span class="few">${esc(t('few'))}</span></td>`;
          } else {
            html += `<td class="rated" style="background:${rateColour(c.rate)}" data-rate="${c.rate}" ${data}>${pct0(c.rate)}</td>`;
          }
        }
        html += '</tr>';
      }
      table.innerHTML = html + '</tbody>';
    }
    $('heatmap-legend').innerHTML = `<span><span class="scale"></span> ${esc(t('legendRate'))}</span>` +
      `<span><span class="swatch"></span> ${esc(t('legendSparse')(min))}</span>`;
    const windows = (r && r.bestWindows) || [];
    $('best-windows').innerHTML = windows.map((w) => `<li data-weekday="${w.weekday}" data-start="${w.startHour}">${esc(windowText(w))}` +
      ` <span class="muted">· ${esc(t('attempts')(w.attempts))}</span></li>`).join('');
    $('best-title').hidden = !hasData;
    $('best-empty').textContent = t('noWindows');
    $('best-empty').hidden = !(hasData && windows.length === 0);
  }

  function windowText(w) {
    return t('window')(t('weekdays')[w.weekday - 1], hh(w.startHour), hh(w.endHour), pct0(w.rate), pct0(w.lower), pct0(w.upper));
  }

  function showTip(event) {
    const cell = event.target.closest && event.target.closest('#heatmap td');
    const tip = $('cell-tip');
    if (!cell) { tip.hidden = true; return; }
    tip.textContent = cell.dataset.tip;
    tip.hidden = false;
    const box = cell.getBoundingClientRect();
    tip.style.left = `${Math.min(window.innerWidth - tip.offsetWidth - 8, box.left)}px`;
    tip.style.top = `${box.bottom + 6}px`;
  }

  // ───────────────────────────── agents ─────────────────────────────
  function agentCell(a, key) {
    switch (key) {
      case 'agent': return a.name || a.agentId;
      case 'team': return a.team || '—';
      case 'contactRate': return a.contactRate == null ? '—' : t('pct')(fmtNumber(a.contactRate * 100, 0));
      case 'collected': return a.collected == null ? '—' : money(a.collected);
      case 'visitMinutes': return a.visitMinutes == null ? '—' : fmtNumber(a.visitMinutes, 0);
      case 'distanceKm': return a.distanceKm == null ? '—' : fmtNumber(a.distanceKm, 1);
      default: return a[key] == null ? '—' : fmtNumber(a[key], Number.isInteger(a[key]) ? 0 : 1);
    }
  }

  function sortValue(a, key) {
    if (key === 'agent') return String(a.name || a.agentId || '');
    if (key === 'team') return String(a.team || '');
    return a[key];
  }

  function sortedAgents() {
    const rows = ((state.kpis && state.kpis.agents) || []).slice();
    const { key, dir } = state.sort;
    return rows.sort((x, y) => {
      const a = sortValue(x, key), b = sortValue(y, key);
      if (a == null && b == null) return 0;
      if (a == null) return 1; // nulls last in both directions
      if (b == null) return -1;
      const c = typeof a === 'string' ? a.localeCompare(b, locale()) : a - b;
      return c * dir;
    });
  }

  function renderAgents() {
    const table = $('agents-table');
    const rows = sortedAgents();
    $('csv-agents').disabled = rows.length === 0;
    const empty = $('agents-empty');
    if (state.kpiStatus === 'missing') {
      table.hidden = true; empty.textContent = t('kpiMissing'); empty.hidden = false; return;
    }
    if (!state.kpis) { table.hidden = true; empty.hidden = true; return; }
    if (rows.length === 0) { table.hidden = true; empty.textContent = t('noAgents'); empty.hidden = false; return; }
    empty.hidden = true; table.hidden = false;
    const { key, dir } = state.sort;
    table.tHead.innerHTML = '<tr>' + AGENT_COLUMNS.map((c) => `<th scope="col" data-key="${c}"` +
      `${c === key ? ` aria-sort="${dir > 0 ? 'ascending' : 'descending'}"` : ''}><button type="button">${esc(t('columns')[c])}</button></th>`).join('') + '</tr>';
    table.tBodies[0].innerHTML = rows.map((a) => `<tr data-agent="${esc(a.agentId)}">` +
      AGENT_COLUMNS.map((c) => `<td data-key="${c}">${esc(agentCell(a, c))}</td>`).join('') + '</tr>').join('');
  }

  function onSort(event) {
    const th = event.target.closest('th[data-key]');
    if (!th) return;
    const key = th.dataset.key;
    // Text columns start A→Z, numbers start with the largest.
    if (state.sort.key === key) state.sort.dir = -state.sort.dir;
    else state.sort = { key, dir: key === 'agent' || key === 'team' ? 1 : -1 };
    renderAgents();
  }

  // ───────────────────────────── CSV ─────────────────────────────
  // UTF-8 with a BOM so Excel reads the accents; comma-separated, numbers with '.' as decimal point.
  function csvField(v) {
    if (v == null) return '';
    let s = String(v);
    // A text cell starting like a formula (=, +, -, @) would run as one in a spreadsheet: names come from users.
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  function download(name, header, rows) {
    const text = [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
    const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    const f = readFilters();
    a.href = url;
    a.download = `campo-${name}-${f.from || ''}_${f.to || ''}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function exportHeatmap() {
    const r = state.report;
    if (!r) return;
    download(t('fileHeatmap'), t('csvHeatmap'), r.cells.map((c) => [t('weekdays')[c.weekday - 1], c.weekday, c.hour, c.attempts,
      c.contacts, c.sparse ? t('yes') : t('no'), c.rate, c.lower, c.upper]));
  }

  function exportKpis() {
    const k = state.kpis;
    if (!k || !k.kpis) return;
    const p = k.period || {}, q = k.previous || {};
    download(t('fileKpis'), t('csvKpis'), kpiNames(k.kpis).map((name) => {
      const kpi = k.kpis[name] || {};
      return [kpiLabel(name), name, kpi.value, kpi.previous, kpi.unit, p.from, p.to, q.from, q.to];
    }));
  }

  function exportAgents() {
    const rows = sortedAgents();
    const cols = AGENT_COLUMNS.filter((c) => c !== 'agent');
    download(t('fileAgents'), [t('csvAgentId'), t('columns').agent, ...cols.map((c) => t('columns')[c])],
      rows.map((a) => [a.agentId, a.name, ...cols.map((c) => a[c])]));
  }

  // ───────────────────────────── session and boot ─────────────────────────────
  function applyLanguage() {
    session.translatePage();
    document.title = `Campo · ${t('pageTitle')}`;
    renderTeamChoices();
    renderAgentChoices();
    if (state.ready) renderAll();
  }

  function showLogin() {
    $('login').hidden = false; $('app').hidden = true; $('logout').hidden = true;
  }

  // After session.js has cleared the token (the Salir button or a 401).
  function afterLogout() {
    state.ready = false; state.report = null; state.kpis = null; state.kpiStatus = 'none';
    showLogin();
  }

  async function start() {
    $('login').hidden = true; $('app').hidden = false; $('logout').hidden = false;
    if (!OFFICE_ROLES.has(session.role)) { showError(t('notOffice')); return; }
    $('f-from').value = $('f-from').value || daysAgo(27); // 28 days including today
    $('f-to').value = $('f-to').value || daysAgo(0);
    await loadChoices();
    await refresh();
  }

  session.setup({ t, onLogin: start, onLogout: afterLogout, onLanguage: applyLanguage });
  $('filters').onsubmit = refresh;
  $('f-team').onchange = renderAgentChoices;
  $('csv-heatmap').onclick = exportHeatmap;
  $('csv-kpis').onclick = exportKpis;
  $('csv-agents').onclick = exportAgents;
  $('agents-table').addEventListener('click', onSort);
  $('heatmap').addEventListener('mouseover', showTip);
  $('heatmap').addEventListener('focusin', showTip);
  $('heatmap').addEventListener('mouseleave', () => { $('cell-tip').hidden = true; });
  $('heatmap').addEventListener('focusout', () => { $('cell-tip').hidden = true; });
  renderSegments();
  applyLanguage();
  if (session.token) start(); else showLogin();
})();
