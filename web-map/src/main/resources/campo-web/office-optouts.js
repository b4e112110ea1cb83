// Office page, "Mensajes", the opt-outs: who asked not to be contacted, on which channel, when, and the word they
// replied (GET /api/opt-outs, the caller's teams only, paged); admins and dispatchers record one by hand when a debtor
// asks a person (POST /api/opt-outs; the server writes it to the client log with who recorded it).
(function (office) {
  'use strict';

  const { $, esc, api, t } = office;
  const PAGE = 25;
  office.words({
    es: {
      optOuts: 'Bajas (no contactar)', allChannels: 'Todos', optOutSearch: 'Deudor o nombre', optOutFind: 'Buscar',
      colDebtor: 'Deudor', colOptOutAt: 'Cuándo', colWord: 'Palabra recibida', colReason: 'Detalle',
      byHand: 'registrada a mano', noOptOuts: 'Sin bajas', optOutPage: (from, to, total) => `${from}–${to} de ${total}`,
      optOutDebtor: 'Deudor (id)', optOutNote: 'Nota', optOutRecord: 'Registrar baja',
      optOutRecorded: (o) => `Baja registrada: ${o.debtor} · ${o.channel}`
    },
    en: {
      optOuts: 'Opt-outs (do not contact)', allChannels: 'All', optOutSearch: 'Debtor or name', optOutFind: 'Search',
      colDebtor: 'Debtor', colOptOutAt: 'When', colWord: 'Word received', colReason: 'Detail',
      byHand: 'recorded by hand', noOptOuts: 'No opt-outs', optOutPage: (from, to, total) => `${from}–${to} of ${total}`,
      optOutDebtor: 'Debtor (id)', optOutNote: 'Note', optOutRecord: 'Record opt-out',
      optOutRecorded: (o) => `Opt-out recorded: ${o.debtor} · ${o.channel}`
    }
  });

  const state = { offset: 0, result: null };
  window.campoOffice = window.campoOffice || {};

  async function load() {
    const params = new URLSearchParams({ limit: PAGE, offset: state.offset });
    if ($('optout-channel').value) params.set('channel', $('optout-channel').value);
    if ($('optout-q').value.trim()) params.set('q', $('optout-q').value.trim());
    try {
      state.result = await api(`/api/opt-outs?${params}`);
      render();
      window.campoOffice.optOutsLoaded = (window.campoOffice.optOutsLoaded || 0) + 1;
    } catch (e) { if (e.status !== 401) $('messages-error').textContent = e.message; }
  }

  function render() {
    const table = $('optouts-table');
    table.tHead.innerHTML = `<tr><th>${t('colDebtor')}</th><th>${t('colChannel')}</th><th>${t('colOptOutAt')}</th>` +
      `<th>${t('colWord')}</th><th>${t('colReason')}</th></tr>`;
    const r = state.result;
    if (!r) return;
    table.tBodies[0].innerHTML = r.optOuts.length ? r.optOuts.map((o) => `<tr data-optout="${esc(o.debtor)}:${esc(o.channel)}">` +
      `<td>${esc(o.debtor)} · ${esc(o.name)}</td><td>${esc(o.channel)}</td>` +
      `<td><time datetime="${esc(o.at)}">${esc(office.dateTime(o.at))}</time></td>` +
      `<td class="word">${o.word === null ? `<span class="muted">${t('byHand')}</span>` : esc(o.word)}</td><td>${esc(o.reason)}</td></tr>`).join('')
      : `<tr><td colspan="5" class="muted">${t('noOptOuts')}</td></tr>`;
    $('optout-page').textContent = r.total ? t('optOutPage')(r.offset + 1, r.offset + r.optOuts.length, r.total) : '';
    $('optout-prev').disabled = r.offset === 0;
    $('optout-next').disabled = r.offset + r.optOuts.length >= r.total;
  }

  async function record(e) {
    e.preventDefault();
    const status = $('optout-status');
    status.textContent = ''; status.dataset.outcome = '';
    const body = { debtor: $('optout-debtor').value.trim(), channel: $('optout-new-channel').value };
    if ($('optout-note').value.trim()) body.note = $('optout-note').value.trim();
    try {
      const o = await api('/api/opt-outs', { method: 'POST', body });
      $('optout-debtor').value = ''; $('optout-note').value = '';
      state.offset = 0;
      await load();
      status.textContent = t('optOutRecorded')(o);
      status.dataset.outcome = 'done';
    } catch (err) {
      if (err.status !== 401) { status.textContent = err.message; status.dataset.outcome = 'error'; }
    }
  }

  office.section({
    id: 'messages',
    init() {
      $('optout-filter').onsubmit = (e) => { e.preventDefault(); state.offset = 0; load(); };
      $('optout-prev').onclick = () => { state.offset = Math.max(0, state.offset - PAGE); load(); };
      $('optout-next').onclick = () => { state.offset += PAGE; load(); };
      $('optout-form').onsubmit = record;
    },
    onShow() { load(); },
    onLanguage() { render(); }
  });
})(window.CampoOffice);
