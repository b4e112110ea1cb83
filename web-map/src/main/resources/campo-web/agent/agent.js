// The agent app: sign in once with the device token, today's route as a list and a map, the debtor card, and the
// visit flow (arrive → questionnaire → outcome → photos and signature → submit). Everything the agent records goes into the
// IndexedDB outbox first and leaves in capture order when the server can be reached: the fixes first (a visit is
// judged against the track stored when it arrives), then visits, their photos and messages.
// A classic script, no framework, no build step: the first load must stay small on a 3G phone.
(function () {
  'use strict';
  const T = (...a) => window.AgentI18n.t(...a);
  const S = window.AgentStore;
  const SESSION_KEY = 'campo.agent.session';
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const COLOURS = { pending: '#2b6cb0', paid: '#2f855a', promise: '#b7791f', no_contact: '#718096', other: '#6b46c1',
    rejected: '#c53030', queued: '#dd6b20' };

  // What the page knows, also read by the end-to-end tests.
  const state = window.campoAgent = {
    session: null, settings: null, day: null, questionnaires: [], messages: [], localStatus: {}, stop: null,
    checkIn: null, photos: [], queue: { fixes: 0, outbox: 0, failed: [] }, lastSync: null, syncing: false,
  };
  let map = null, mapLayers = null;

  class HttpError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  // ───────────── session ─────────────
  function saveSession() {
    if (state.session) localStorage.setItem(SESSION_KEY, JSON.stringify(state.session));
    else localStorage.removeItem(SESSION_KEY);
  }

  async function deviceLogin(agentId, deviceToken) {
    let r;
    try {
      r = await fetch('/api/auth/device', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ agentId, deviceToken }) });
    } catch (e) { throw new HttpError(0, T('networkError')); }
    if (r.status === 401) throw new HttpError(401, T('wrongLogin'));
    if (!r.ok) throw new HttpError(r.status, await r.text());
    const j = await r.json();
    // A minute early: a token that expires on its way is a 401 and a second round trip.
    state.session = { agentId, deviceToken, jwt: j.token, expiresAt: Date.now() + j.expiresInSeconds * 1000 - 60000 };
    saveSession();
  }

  // One renewal for the calls that find the JWT expired together (the day's loads go out in parallel): each would
  // otherwise cost the server a bcrypt and count against the device-login throttle.
  let renewing = null;
  function renewOnce() {
    if (!renewing) {
      const s = state.session;
      renewing = deviceLogin(s.agentId, s.deviceToken).finally(() => { renewing = null; });
    }
    return renewing;
  }

  // Leaflet (~40 KB compressed) and Paho (~10 KB) are fetched after the day shows, not before: on a 3G phone every
  // script the page waits for delays the list the agent opened the app for. The service worker caches them all the same.
  const loading = {};
  function loadOnce(src) {
    if (!loading[src]) {
      loading[src] = new Promise((resolve, reject) => {
        const el = src.endsWith('.css') ? Object.assign(document.createElement('link'), { rel: 'stylesheet', href: src })
          : Object.assign(document.createElement('script'), { src, async: true });
        el.onload = resolve;
        el.onerror = () => { delete loading[src]; reject(new Error(`${src} did not load`)); };
        document.head.appendChild(el);
      });
    }
    return loading[src];
  }
  const loadLeaflet = () => Promise.all([loadOnce('/vendor/leaflet/leaflet.css'), loadOnce('/vendor/leaflet/leaflet.js')]);

  // Every API call carries a fresh JWT: an expired one is renewed with the stored device token, silently.
  async function api(path, options = {}, retried = false) {
    const s = state.session;
    if (!s.jwt || Date.now() > s.expiresAt) await renewOnce();
    const headers = Object.assign({ Authorization: `Bearer ${state.session.jwt}` }, options.headers || {});
    let body = options.body;
    if (body !== undefined && !(body instanceof Blob)) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(body); }
    let r;
    try {
      r = await fetch(path, { method: options.method || 'GET', headers, body });
    } catch (e) { throw new HttpError(0, T('networkError')); }
    if (r.status === 401 && !retried) { state.session.jwt = null; return api(path, options, true); }
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!r.ok) throw new HttpError(r.status, (json && json.error) || text || r.statusText);
    return json;
  }

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    return ([1e7] + -1e3 + -4e3 + -8e3 + -1e11).replace(/[018]/g, (c) => (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16));
  }

  // The enrolment link (what the office's QR code carries): /agent/#enrol=<base64url of {"server","agentId","token"}>.
  async function enrolFromLink() {
    const m = location.hash.match(/enrol=([A-Za-z0-9_-]+)/);
    if (!m) return false;
    history.replaceState(null, '', location.pathname);
    let e;
    try {
      e = JSON.parse(atob(m[1].replace(/-/g, '+').replace(/_/g, '/')));
    } catch (err) { $('login-error').textContent = 'enrol?'; return false; }
    if (e.server && new URL(e.server).origin !== location.origin) {
      location.replace(new URL('/agent/#enrol=' + m[1], e.server).href);
      return true;
    }
    await deviceLogin(e.agentId, e.token);
    return true;
  }

  // ───────────── views ─────────────
  function show(view) {
    ['login-view', 'day-view', 'card-view'].forEach((v) => { $(v).hidden = v !== view; });
    $('logout').hidden = view === 'login-view';
  }

  // Loads overlap (a retained plan arriving on reconnect, a sync that just sent a visit): an answer asked for earlier
  // but arriving later must not replace a newer day, or a stop just recorded would show as pending again.
  let dayAsked = 0;
  let dayShown = 0;

  // The four loads go out together (one round trip on 3G instead of four), and the day is shown the moment it arrives.
  async function loadAll() {
    const asked = ++dayAsked;
    const settings = api('/api/me/settings');
    const day = api('/api/me/day');
    const questionnaires = api('/api/me/questionnaires');
    const messages = loadMessages();
    loadShift();
    try {
      state.settings = await settings;
      await S.put('settings', state.settings);
    } catch (e) { state.settings = state.settings || await S.get('settings'); }
    try {
      const d = await day;
      if (asked < dayShown) return;
      dayShown = asked;
      state.day = d;
      renderDay();
      await S.put('day', state.day);
      const q = await questionnaires;
      state.questionnaires = q.questionnaires;
      await S.put('questionnaires', state.questionnaires);
      state.lastSync = Date.now();
      await S.put('lastSync', state.lastSync);
    } catch (e) {
      if (e.status && e.status !== 0) console.warn('day', e);
      state.day = state.day || await S.get('day');
      state.questionnaires = (await S.get('questionnaires')) || state.questionnaires;
    } finally {
      questionnaires.catch(() => {});
      await messages;
    }
  }

  // The agent's duty (work-hours-only tracking): kept for offline use; the tracker records only on duty.
  async function loadShift() {
    try {
      state.shift = await api('/api/me/shift');
      await S.put('shift', state.shift);
    } catch (e) { state.shift = state.shift || await S.get('shift'); }
    renderShift();
  }

  function renderShift() {
    const on = window.AgentTracker.onDutyAt(state.shift, Date.now());
    $('shift-state').textContent = T(on ? 'onDuty' : 'offDuty');
    $('shift-bar').className = on ? 'on-duty' : 'off-duty';
    $('shift-toggle').textContent = T(on ? 'endShift' : 'startShift');
    $('shift-toggle').dataset.action = on ? 'end' : 'start';
  }

  async function toggleShift() {
    try {
      state.shift = await api('/api/me/shift', { method: 'POST', body: { action: $('shift-toggle').dataset.action } });
      await S.put('shift', state.shift);
    } catch (e) { $('shift-state').textContent = e.message; return; }
    renderShift();
  }

  async function loadMessages() {
    try {
      const m = await api('/api/me/messages');
      state.messages = m.messages;
      await S.put('messages', state.messages);
    } catch (e) {
      state.messages = (await S.get('messages')) || state.messages;
    }
    renderMessages();
  }

  function statusOf(stop) {
    return state.localStatus[stop.stopId] || stop.status;
  }

  function renderDay() {
    const d = state.day;
    const stops = d ? d.stops : [];
    $('day-status').textContent = !d || !d.route ? T('noRoute') : `${d.date} · ${T('stops', stops.length)} · ${T('tracking')}`;
    $('stops').innerHTML = stops.map((s, i) => {
      const st = statusOf(s);
      const name = s.debtor ? s.debtor.name : s.stopId;
      const time = s.arrival ? new Date(s.arrival).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
      return `<li class="stop st-${esc(st)}" data-i="${i}"><span class="seq" style="background:${COLOURS[st] || '#444'}">${s.seq}</span>`
        + `<span class="who">${esc(name)}<small>${esc(s.debtor && s.debtor.address ? s.debtor.address.text || '' : '')}</small></span>`
        + `<span class="when">${esc(time)}<small>${esc(T(st))}</small></span></li>`;
    }).join('');
    if (map) drawMap();
  }

  function decodePolyline(s) {
    const out = [];
    let i = 0, lat = 0, lon = 0;
    while (i < s.length) {
      for (const which of [0, 1]) {
        let shift = 0, result = 0, b;
        do { b = s.charCodeAt(i++) - 63; result |= (b & 0x1f) << shift; shift += 5; } while (b >= 0x20);
        const delta = result & 1 ? ~(result >> 1) : result >> 1;
        if (which === 0) lat += delta; else lon += delta;
      }
      out.push([lat / 1e5, lon / 1e5]);
    }
    return out;
  }

  function drawMap() {
    if (!window.L) return;
    if (!map) {
      map = L.map('map');
      const tiles = state.settings && state.settings.tiles;
      if (tiles && tiles.url) L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(map);
      mapLayers = L.layerGroup().addTo(map);
    }
    mapLayers.clearLayers();
    const d = state.day;
    const bounds = [];
    if (d && d.route && d.route.polyline) {
      const line = decodePolyline(d.route.polyline);
      if (line.length > 1) { L.polyline(line, { color: '#2b6cb0', weight: 4 }).addTo(mapLayers); bounds.push(...line); }
    }
    (d ? d.stops : []).forEach((s, i) => {
      if (s.lat == null) return;
      const st = statusOf(s);
      L.circleMarker([s.lat, s.lon], { radius: 10, color: '#fff', weight: 2, fillColor: COLOURS[st] || '#444', fillOpacity: 1 })
        .bindTooltip(String(s.seq), { permanent: true, direction: 'center', className: 'seq-label' })
        .on('click', () => openCard(i)).addTo(mapLayers);
      bounds.push([s.lat, s.lon]);
    });
    if (bounds.length) map.fitBounds(bounds, { padding: [20, 20] });
    else map.setView([19.4326, -99.1332], 12);
    state.mapStops = mapLayers.getLayers().length;
  }

  function tab(which) {
    ['list', 'map', 'messages'].forEach((t) => $(`tab-${t}`).classList.toggle('on', t === which));
    $('stops').hidden = which !== 'list';
    $('map').hidden = which !== 'map';
    $('messages-panel').hidden = which !== 'messages';
    if (which === 'map') {
      loadLeaflet().then(() => { drawMap(); setTimeout(() => map && map.invalidateSize(), 50); })
        .catch((e) => { $('map').textContent = e.message; });
    }
  }

  function navigateUrl(s) {
    return /Android/i.test(navigator.userAgent) ? `geo:${s.lat},${s.lon}?q=${s.lat},${s.lon}`
      : `https://www.google.com/maps/dir/?api=1&destination=${s.lat},${s.lon}`;
  }

  function openCard(i) {
    const s = state.day.stops[i];
    state.stop = s;
    state.checkIn = null;
    state.photos = [];
    const d = s.debtor || { name: s.stopId, debts: [], promises: [], lastOutcomes: [], phones: [], consent: {} };
    const money = (a, c) => `${esc(a)} ${esc(c || '')}`;
    $('card').innerHTML = `<h2>${esc(d.name)}</h2>`
      + `<p>${esc(d.address ? d.address.text || '' : '')}</p>`
      + `<p><a id="navigate" class="button" href="${esc(navigateUrl(s))}" target="_blank" rel="noopener">${T('navigate')}</a></p>`
      + (d.phones.length ? `<p>${T('phones')}: ${d.phones.map((p) => `<a href="tel:${esc(p)}">${esc(p)}</a>`).join(', ')}</p>` : '')
      + (d.segment ? `<p>${T('segment')}: ${esc(d.segment)}</p>` : '')
      + (d.group ? `<p>${T('group')}: ${esc(d.group.id)} (${esc(d.group.role)})</p>` : '')
      + `<h3>${T('debts')}</h3><ul class="debts">${d.debts.map((x) => `<li>${esc(x.contract)} · ${esc(x.product)}: <b>${money(x.balance, x.currency)}</b>`
        + ` · ${esc(x.daysPastDue)} ${T('daysPastDue')}</li>`).join('')}</ul>`
      + (d.promises.length ? `<h3>${T('openPromises')}</h3><ul>${d.promises.map((p) => `<li>${money(p.amount, p.currency)} · ${esc(p.dueDate)}${p.source === 'page' ? ` · ${T('fromPage')}` : ''}</li>`).join('')}</ul>` : '')
      + (d.lastOutcomes.length ? `<h3>${T('lastOutcomes')}</h3><ul>${d.lastOutcomes.map((o) => `<li>${esc(String(o.at).slice(0, 10))} · ${esc(T(o.outcome))}</li>`).join('')}</ul>` : '')
      + `<p class="muted">${T('consent')}: ${T('consentMessages')} ${d.consent.messages ? T('yes') : T('no')}, ${T('consentCalls')} ${d.consent.calls ? T('yes') : T('no')}</p>`;
    $('visit-form').hidden = true;
    $('arrive').hidden = false;
    $('arrive-status').textContent = '';
    $('visit-errors').textContent = '';
    $('visit-form').reset();
    $('agreement-preview').innerHTML = '';
    $('photo-list').innerHTML = '';
    if (window.AgentSignature) window.AgentSignature.clear();
    outcomeFields();
    AgentForm.render($('questions'), questionnaireOf(s));
    show('card-view');
  }

  function questionnaireOf(stop) {
    const q = stop.debtor && stop.debtor.questionnaire;
    return q ? state.questionnaires.find((v) => v.key === q.key && v.version === q.version) || null : null;
  }

  function arrive() {
    const p = window.AgentTracker.last;
    if (!p) { $('arrive-status').textContent = T('waitingGps'); return; }
    state.checkIn = { at: new Date().toISOString(), lat: p.lat, lon: p.lon, accuracy: Math.round(p.acc * 10) / 10 };
    $('arrive-status').textContent = T('arrivedAt', new Date().toLocaleTimeString(), Math.round(p.acc));
    $('arrive').hidden = true;
    $('visit-form').hidden = false;
  }

  function outcomeFields() {
    const o = $('outcome').value;
    document.querySelectorAll('#visit-form [class^="o-"], #visit-form [class*=" o-"]').forEach((el) => {
      el.hidden = !o || !el.classList.contains(`o-${o}`);
    });
  }

  function outcomeBody(currency) {
    const type = $('outcome').value;
    const problems = [];
    const o = { type };
    if (!type) problems.push(T('chooseOutcome'));
    if (type === 'PAID' || type === 'PROMISE') {
      const amount = $('amount').value.trim().replace(',', '.');
      if (!/^\d+(\.\d{1,2})?$/.test(amount) || Number(amount) <= 0) problems.push(T('amountNeeded'));
      o.amount = amount;
      o.currency = currency;
    }
    if (type === 'PAID') { o.receipt = $('receipt').value.trim(); if (!o.receipt) problems.push(T('receiptNeeded')); }
    if (type === 'PROMISE') { o.date = $('promise-date').value; if (!o.date) problems.push(T('dateNeeded')); }
    if (type === 'INCIDENT') o.incident = $('incident').value;
    if (type === 'AGREEMENT') {
      const plan = agreementPlan();
      plan.problems.forEach((k) => problems.push(T(k)));
      // The agreement covers the debtor's open debts in the card's currency; the dispatcher who confirms it sees them.
      const debts = (state.stop && state.stop.debtor ? state.stop.debtor.debts : [])
        .filter((x) => x.currency === currency && Number(x.balance) > 0);
      if (!debts.length) problems.push(T('noDebtToAgree'));
      o.contracts = debts.map((x) => x.contract);
      o.currency = currency;
      o.installments = plan.installments;
    }
    if ($('note').value.trim()) o.note = $('note').value.trim();
    return { o, problems };
  }

  function agreementPlan() {
    return window.AgentAgreement.schedule({ count: $('agreement-count').value, amount: $('agreement-amount').value,
      mode: $('agreement-mode').value, first: $('agreement-first').value, frequency: $('agreement-frequency').value });
  }

  // The installments as they will be sent, under the form: the agent reads them back to the debtor before submitting.
  function agreementPreview() {
    const plan = agreementPlan();
    const currency = state.stop && state.stop.debtor && state.stop.debtor.debts.length ? state.stop.debtor.debts[0].currency : '';
    $('agreement-preview').innerHTML = plan.problems.length ? ''
      : plan.installments.map((i) => `<li>${esc(i.date)} · ${esc(i.amount)} ${esc(currency)}</li>`).join('');
  }

  async function submitVisit(ev) {
    ev.preventDefault();
    const s = state.stop;
    const questionnaire = questionnaireOf(s);
    const answers = AgentForm.answers($('questions'), questionnaire);
    const qProblems = AgentForm.validate(questionnaire, answers);
    AgentForm.show($('questions'), qProblems);
    const currency = s.debtor && s.debtor.debts.length ? s.debtor.debts[0].currency : 'MXN';
    const { o, problems } = outcomeBody(currency);
    if (problems.length || Object.keys(qProblems).length) {
      $('visit-errors').textContent = problems.join(' · ');
      return;
    }
    const key = uuid();
    const body = { debtor: s.stopId, checkIn: state.checkIn, checkOutAt: new Date().toISOString(), outcome: o };
    if (questionnaire) body.answers = answers;
    if (state.day && state.day.planId) body.planId = state.day.planId;
    await S.add('outbox', { type: 'visit', key, stopId: s.stopId, body, capturedAt: Date.now() });
    for (const p of state.photos) {
      await S.add('outbox', { type: 'photo', key: uuid(), visitKey: key, kind: p.kind, blob: p.blob, contentType: p.blob.type });
    }
    const signature = window.AgentSignature ? await window.AgentSignature.png() : null;
    if (signature) await S.add('outbox', { type: 'signature', key: uuid(), visitKey: key, blob: signature, contentType: 'image/png' });
    state.localStatus[s.stopId] = 'queued';
    await S.put('localStatus', state.localStatus);
    $('visit-errors').textContent = '';
    show('day-view');
    renderDay();
    await refreshQueue();
    $('day-status').textContent = T('savedOffline');
    sync();
  }

  function addPhoto() {
    const f = $('photo').files[0];
    if (!f) return;
    state.photos.push({ kind: $('photo-kind').value, blob: f });
    $('photo-list').innerHTML = state.photos.map((p) => `<li>${esc(T(p.kind === 'door' ? 'door' : 'receiptPhoto'))}: ${esc(p.blob.name || '')} (${Math.round(p.blob.size / 1024)} KB)</li>`).join('');
    $('photo').value = '';
  }

  // ───────────── messages ─────────────
  function renderMessages() {
    $('messages').innerHTML = state.messages.map((m) => `<li class="${m.fromAgent ? 'mine' : 'theirs'}">`
      + `<small>${esc(m.fromAgent ? T('you') : m.sentBy)} · ${esc(new Date(m.sentAt).toLocaleString())}</small>${esc(m.text)}</li>`).join('');
  }

  async function sendMessage(ev) {
    ev.preventDefault();
    const text = $('message-text').value.trim();
    if (!text) { $('message-status').textContent = T('emptyMessage'); return; }
    const theirs = state.messages.filter((m) => !m.fromAgent);
    const body = { text };
    if (theirs.length) body.replyTo = theirs[theirs.length - 1].id;
    await S.add('outbox', { type: 'message', key: uuid(), body });
    $('message-text').value = '';
    $('message-status').textContent = T('messageQueued');
    await refreshQueue();
    sync();
  }

  // ───────────── the outbox ─────────────
  async function refreshQueue() {
    const items = (await S.oldest('outbox', 10000)).map((i) => i.value);
    state.queue = { fixes: await S.count('fixes'), outbox: items.filter((i) => !i.failed).length,
      failed: items.filter((i) => i.failed).map((i) => ({ type: i.type, error: i.failed })) };
    state.lastSync = state.lastSync || await S.get('lastSync');
    const waiting = state.queue.outbox + state.queue.fixes;
    $('sync-state').textContent = (navigator.onLine ? '' : T('offline') + ' · ')
      + (waiting ? T('waiting', waiting) : state.lastSync ? T('synced', new Date(state.lastSync).toLocaleTimeString()) : T('neverSynced'));
    $('queue').innerHTML = `${T('fixes', state.queue.fixes)} · ${T('visitQueued')}: ${items.filter((i) => i.type === 'visit' && !i.failed).length}`
      + state.queue.failed.map((f) => `<p class="error">${esc(T('failed'))} (${esc(f.type)}): ${esc(f.error)}</p>`).join('');
  }

  // Sends the outbox in capture order, after the fixes captured so far are acknowledged; stops at the first item the
  // network cannot take (it is tried again later), sets aside an item the server refuses (shown with the reason).
  async function sync() {
    if (state.syncing || !state.session) return;
    state.syncing = true;
    let sent = false;
    try {
      const items = await S.oldest('outbox', 10000);
      const visitIds = (await S.get('visitIds')) || {};
      if (items.some((i) => i.value.type === 'visit' && !i.value.failed)) {
        // A visit is judged against the track stored when it arrives: the fixes go first.
        try { await window.AgentTracker.flushed(); } catch (e) { return; }
      }
      for (const { key, value: item } of items) {
        if (item.failed) continue;
        try {
          if (item.type === 'visit') {
            const v = await api('/api/visits', { method: 'POST', body: item.body, headers: { 'Idempotency-Key': item.key } });
            visitIds[item.key] = v.id;
            await S.put('visitIds', visitIds);
          } else if (item.type === 'photo') {
            const visitId = visitIds[item.visitKey];
            if (!visitId) throw new HttpError(409, 'visit not recorded');
            await api(`/api/visits/${visitId}/photos?kind=${item.kind}`, { method: 'POST', body: item.blob,
              headers: { 'Idempotency-Key': item.key, 'Content-Type': item.contentType } });
          } else if (item.type === 'signature') {
            const visitId = visitIds[item.visitKey];
            if (!visitId) throw new HttpError(409, 'visit not recorded');
            await api(`/api/visits/${visitId}/signature`, { method: 'POST', body: item.blob,
              headers: { 'Idempotency-Key': item.key, 'Content-Type': 'image/png' } });
          } else if (item.type === 'message') {
            await api('/api/me/messages', { method: 'POST', body: item.body, headers: { 'Idempotency-Key': item.key } });
          }
          await S.remove('outbox', [key]);
          if (item.type === 'visit') { delete state.localStatus[item.stopId]; await S.put('localStatus', state.localStatus); }
          sent = true;
        } catch (e) {
          if (e.status === 0 || e.status >= 500 || e.status === 429) break;
          item.failed = e.message;
          await S.update('outbox', key, item);
        }
      }
      if (sent || navigator.onLine) {
        state.lastSync = Date.now();
        await S.put('lastSync', state.lastSync);
      }
    } finally {
      state.syncing = false;
      await refreshQueue();
      if (sent) { await loadAll(); renderDay(); }
    }
  }

  // ───────────── start ─────────────
  async function startSignedIn() {
    show('day-view');
    state.localStatus = (await S.get('localStatus')) || {};
    state.settings = (await S.get('settings')) || null;
    state.shift = (await S.get('shift')) || null;
    renderShift();
    state.day = (await S.get('day')) || null;
    state.questionnaires = (await S.get('questionnaires')) || [];
    state.messages = (await S.get('messages')) || [];
    renderDay();
    renderMessages();
    await refreshQueue();
    await loadAll();
    renderDay();
    await refreshQueue();
    window.AgentTracker.start({
      agentId: state.session.agentId, deviceToken: state.session.deviceToken, settings: state.settings,
      shift: () => state.shift,
      onChange: () => refreshQueue(),
      onPlan: () => loadAll().then(renderDay),
      onInbox: () => loadMessages(),
      // Visits waiting for their track go out as soon as the track can.
      onConnected: () => sync(),
    });
    loadOnce('/vendor/paho/paho-mqtt-min.js').then(() => window.AgentTracker.reconnect()).catch((e) => console.warn(e.message));
    sync();
  }

  async function init() {
    window.AgentI18n.apply();
    $('lang').textContent = window.AgentI18n.lang() === 'es' ? 'EN' : 'ES';
    if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch((e) => console.warn('service worker', e));
    $('lang').onclick = () => { const l = window.AgentI18n.toggle(); $('lang').textContent = l === 'es' ? 'EN' : 'ES'; renderDay(); refreshQueue(); };
    $('tab-list').onclick = () => tab('list');
    $('tab-map').onclick = () => tab('map');
    $('tab-messages').onclick = () => tab('messages');
    $('back').onclick = () => show('day-view');
    $('stops').onclick = (e) => { const li = e.target.closest('li.stop'); if (li) openCard(Number(li.dataset.i)); };
    $('arrive').onclick = arrive;
    $('shift-toggle').onclick = toggleShift;
    $('outcome').onchange = outcomeFields;
    ['agreement-count', 'agreement-amount', 'agreement-mode', 'agreement-first', 'agreement-frequency']
      .forEach((id) => { $(id).addEventListener('input', agreementPreview); $(id).addEventListener('change', agreementPreview); });
    $('photo').onchange = addPhoto;
    // The signature pad is needed at a door, not to show the day: loaded without the page waiting for it (one script
    // fewer before the list on a slow link; measured by ./campo bench agent-app).
    loadOnce('signature.js').then(() => {
      window.AgentSignature.attach($('signature'));
      $('signature-clear').onclick = () => window.AgentSignature.clear();
    }).catch((e) => console.warn(e.message));
    $('visit-form').onsubmit = submitVisit;
    $('message-form').onsubmit = sendMessage;
    $('logout').onclick = async () => { window.AgentTracker.stop(); state.session = null; saveSession(); await S.clear(); show('login-view'); };
    $('login-form').onsubmit = async (e) => {
      e.preventDefault();
      $('login-error').textContent = '';
      try {
        await deviceLogin($('login-agent').value.trim(), $('login-token').value.trim());
        await startSignedIn();
      } catch (err) { $('login-error').textContent = err.message; }
    };
    window.addEventListener('online', () => { window.AgentTracker.reconnect(); sync(); refreshQueue(); });
    window.addEventListener('offline', () => refreshQueue());
    setInterval(() => { if (navigator.onLine) sync(); }, 15000);
    // A shift begins or ends by the clock while the app is open.
    setInterval(() => { if (state.session) renderShift(); }, 30000);
    setInterval(() => { if (state.session && navigator.onLine) loadShift(); }, 300000);

    try {
      if (await enrolFromLink()) { if (state.session) await startSignedIn(); return; }
    } catch (e) { $('login-error').textContent = e.message; }
    state.session = JSON.parse(localStorage.getItem(SESSION_KEY) || 'null');
    if (state.session) await startSignedIn();
    else show('login-view');
  }

  init();
})();
