// Office page, "Deudores": the search (GET /api/debtors?q=, the caller's teams only, one page at a time) and the
// debtor's card: debts, addresses on a small map, the visits with their photos, and the client log as a timeline,
// every time in the agency's zone.
(function (office) {
  'use strict';

  const { $, esc, api, t } = office;
  const PAGE = 20;
  const search = { q: '', offset: 0, total: 0, items: [] };
  const card = { debtor: null, log: null, visits: [], map: null, layer: null };
  // For tests and the screenshot: what the card last drew.
  window.campoOffice = window.campoOffice || {};

  async function runSearch(offset) {
    const q = $('debtor-q').value.trim();
    $('debtor-error').textContent = '';
    if (q.length < 2) { $('debtor-error').textContent = t('searchTooShort'); return; }
    try {
      const page = await api(`/api/debtors?q=${encodeURIComponent(q)}&limit=${PAGE}&offset=${offset}`);
      Object.assign(search, { q, offset: page.offset, total: page.total, items: page.items });
      renderResults();
    } catch (e) {
      if (e.status !== 401) $('debtor-error').textContent = e.message;
    }
  }

  function renderResults() {
    const table = $('debtor-results');
    table.hidden = search.items.length === 0;
    table.tHead.innerHTML = `<tr><th>${t('colId')}</th><th>${t('colName')}</th><th>${t('colPhones')}</th>` +
      `<th>${t('colTeam')}</th><th class="num">${t('colDebts')}</th><th class="num">${t('colBalance')}</th></tr>`;
    table.tBodies[0].innerHTML = search.items.map((d) => `<tr data-debtor="${esc(d.externalId)}"><td>${esc(d.externalId)}</td>` +
      `<td>${esc(d.name)}</td><td>${esc((d.phones || []).join(', '))}</td><td>${esc(d.team || '')}</td>` +
      `<td class="num">${esc(d.debts)}</td><td class="num">${esc(office.money(d.balance))}</td></tr>`).join('');
    const from = search.total === 0 ? 0 : search.offset + 1;
    $('debtor-count').textContent = search.q ? t('searchCount')(from, search.offset + search.items.length, search.total) : '';
    $('debtor-prev').hidden = search.offset === 0;
    $('debtor-next').hidden = search.offset + search.items.length >= search.total;
  }

  async function openCard(externalId) {
    const id = encodeURIComponent(externalId);
    $('debtor-error').textContent = '';
    try {
      const [debtor, log] = await Promise.all([api(`/api/debtors/${id}`), api(`/api/debtors/${id}/log`)]);
      Object.assign(card, { debtor, log, visits: [] });
      $('debtor-card').hidden = false;
      renderCard();
      await loadVisits(log);
    } catch (e) {
      if (e.status !== 401) $('debtor-error').textContent = e.message;
    }
  }

  // The visits are those the client log names (one entry per visit, and more for its outcome, promise, override).
  async function loadVisits(log) {
    const ids = [...new Set((log.entries || []).map((e) => e.details && e.details.visitId).filter((v) => v != null))];
    const visits = await Promise.all(ids.map(async (vid) => {
      try {
        const [visit, evidence] = await Promise.all([api(`/api/visits/${vid}`), api(`/api/visits/${vid}/evidence`)]);
        return { visit, evidence: evidence.evidence || [] };
      } catch (e) { return { visit: { id: vid, status: e.message }, evidence: [] }; }
    }));
    if (card.log !== log) return; // another debtor was opened meanwhile
    card.visits = visits;
    renderVisits();
    window.campoOffice.visitsLoaded = visits.length;
  }

  function renderCard() {
    const d = card.debtor;
    $('card-name').textContent = d.name;
    $('card-facts').textContent = `${t('facts')(d)} · ${(d.phones || []).join(', ')}`;
    const debts = $('card-debts');
    debts.tHead.innerHTML = `<tr><th>${t('colContract')}</th><th>${t('colProduct')}</th><th class="num">${t('colBalance')}</th>` +
      `<th>${t('colDue')}</th><th class="num">${t('colDaysPastDue')}</th></tr>`;
    debts.tBodies[0].innerHTML = (d.debts || []).map((x) => `<tr><td>${esc(x.contract)}</td><td>${esc(x.product)}</td>` +
      `<td class="num">${esc(office.money(x.balance, x.currency))}</td><td>${esc(x.dueDate)}</td><td class="num">${esc(x.daysPastDue)}</td></tr>`).join('');
    $('card-addresses').innerHTML = (d.addresses || []).map((a) => `<li>${esc(a.kind)}: ${esc(a.line || `${a.lat}, ${a.lon}`)}` +
      `${a.active === false ? ` <small>(${t('inactiveAddress')})</small>` : ''}</li>`).join('');
    drawMap(d.addresses || []);
    // The ledger and agreements (office-ledger.js) draw themselves from the same debtor.
    document.dispatchEvent(new CustomEvent('campo-debtor-card', { detail: d }));
    renderLog();
    renderVisits();
  }

  function drawMap(addresses) {
    if (!card.map) {
      card.map = L.map('card-map', { attributionControl: false, zoomControl: true }).setView([19.43, -99.13], 11);
    }
    if (card.layer) card.layer.remove();
    card.layer = L.featureGroup(addresses.filter((a) => a.lat != null).map((a) =>
      L.circle([a.lat, a.lon], { radius: a.radiusMeters || 50, color: a.active === false ? '#999' : '#1565c0' })
        .bindTooltip(`${a.kind}: ${a.line || ''}`))).addTo(card.map);
    // After the card is laid out: Leaflet measures its container when it fits the bounds.
    setTimeout(() => {
      card.map.invalidateSize();
      if (card.layer.getLayers().length) card.map.fitBounds(card.layer.getBounds(), { maxZoom: 16, padding: [20, 20] });
      window.campoOffice.cardAddresses = card.layer.getLayers().length;
    }, 0);
  }

  function renderLog() {
    const entries = (card.log && card.log.entries) || [];
    $('card-log').innerHTML = entries.length ? entries.slice().reverse().map((e) => `<li class="kind-${esc(e.kind)}">` +
      `<time datetime="${esc(e.at)}">${esc(office.dateTime(e.at))}</time><span class="kind">${esc(e.kind)}</span>` +
      `${esc(e.summary)} <small>· ${esc(e.actor)}</small></li>`).join('') : `<li class="muted">${t('noLog')}</li>`;
  }

  function renderVisits() {
    $('card-visits').innerHTML = card.visits.length ? card.visits.map(({ visit, evidence }) => {
      const v = { id: visit.id, agentId: visit.agentId || '–', outcome: visit.outcome ? visit.outcome.type : '–', status: visit.status };
      const at = visit.checkIn ? `<time datetime="${esc(visit.checkIn.at)}">${esc(office.dateTime(visit.checkIn.at))}</time> · ` : '';
      const thumbs = evidence.length ? `<div class="thumbs">${evidence.map((x) =>
        `<img data-evidence="${esc(x.id)}" alt="${esc(x.kind)} ${esc(x.id)}">`).join('')}</div>` : ` <small>(${t('noEvidence')})</small>`;
      return `<li class="${visit.status === 'REJECTED' ? 'rejected' : ''}" data-visit="${esc(v.id)}">${at}${esc(t('visitLine')(v))}${thumbs}</li>`;
    }).join('') : `<li class="muted">${t('noVisits')}</li>`;
    document.querySelectorAll('#card-visits img[data-evidence]').forEach(loadThumbnail);
  }

  // The thumbnails need the bearer token, so an <img src> cannot fetch them; the page's CSP allows data: images
  // (not blob:), so each is read into a data URL.
  const thumbnails = new Map();
  async function loadThumbnail(img) {
    const id = img.dataset.evidence;
    try {
      if (!thumbnails.has(id)) {
        const response = await fetch(`/api/evidence/${encodeURIComponent(id)}/thumbnail`,
          { headers: { Authorization: `Bearer ${office.session.token}` } });
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
        thumbnails.set(id, await new Promise((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(reader.result);
          reader.onerror = reject;
          reader.readAsDataURL(blob);
        }));
      }
      img.src = thumbnails.get(id);
      window.campoOffice.thumbnailsShown = (window.campoOffice.thumbnailsShown || 0) + 1;
    } catch (e) {
      img.alt = `${img.alt} (${e.message})`;
    }
  }

  office.section({
    id: 'debtors',
    init() {
      $('debtor-search').onsubmit = (e) => { e.preventDefault(); runSearch(0); };
      $('debtor-prev').onclick = () => runSearch(Math.max(0, search.offset - PAGE));
      $('debtor-next').onclick = () => runSearch(search.offset + PAGE);
      $('debtor-results').tBodies[0].addEventListener('click', (e) => {
        const row = e.target.closest('tr[data-debtor]');
        if (row) openCard(row.dataset.debtor);
      });
    },
    onShow() { if (card.map) setTimeout(() => card.map.invalidateSize(), 0); },
    onLanguage() { if (search.q) renderResults(); if (card.debtor) renderCard(); }
  });
})(window.CampoOffice);
