// Office page, "Mensajes": the message templates (GET/POST /api/message-templates; the server checks the variables
// and the channel's limits and its reasons are shown as they come) and the campaigns (GET /api/campaigns), one
// campaign's progress and results from GET /api/campaigns/{id}, read again every few seconds until it is done; a form
// that creates a campaign (POST /api/campaigns, its errors shown as the server gives them) and then follows it.
(function (office) {
  'use strict';

  const { $, esc, api, t } = office;
  const POLL_MS = 3000;
  office.words({
    es: {
      tabMessages: 'Mensajes', templates: 'Plantillas', campaigns: 'Campañas', templateName: 'Nombre', channel: 'Canal',
      channelEmail: 'Correo', templateLanguage: 'Idioma', templateBody: 'Texto',
      templateHint: 'Variables: {nombre}, {saldo}, {vencimiento}, {liga_pago}, {agente}, {monto_promesa}. En WhatsApp el nombre es el de la plantilla aprobada por Meta.',
      colChannel: 'Canal', colLanguage: 'Idioma', colBody: 'Texto', colCreatedBy: 'Creada por', colCreated: 'Creada',
      colTemplate: 'Plantilla', colSendAt: 'Envío', colMessages: 'Mensajes', noTemplates: 'Aún no hay plantillas',
      noCampaigns: 'Aún no hay campañas', templateCreated: (tp) => `Plantilla ${tp.name} creada (${(tp.variables || []).join(', ') || 'sin variables'})`,
      campaignTitle: (c) => `${c.name} · ${c.channel} · ${c.template}`,
      campaignStatus: { scheduled: 'programada', running: 'enviando', done: 'terminada' },
      progress: (done, total, status) => `${done} de ${total} atendidos · ${status}`,
      counts: { eligible: 'Por enviar o enviados', sent: 'Enviados', delivered: 'Entregados', read: 'Leídos', replied: 'Respondidos',
        failed: 'Fallidos', skipped: 'Omitidos' },
      skippedByReason: 'Omitidos por motivo', noSkipped: 'Ninguno',
      reasons: { opted_out: 'pidió no recibir mensajes', no_consent: 'no aceptó mensajes', no_recipient: 'sin número o correo',
        weekly_limit: 'tope semanal', outside_24h_window: 'fuera de la ventana de 24 h', missing_value: 'falta un dato de la plantilla' },
      paidWithin7Days: (n, amount) => `Pagaron en los 7 días siguientes a su mensaje: ${n}${amount ? ` · ${amount}` : ''}`,
      newCampaign: 'Nueva campaña', campaignName: 'Nombre', campaignWho: 'Para', whoDebtors: 'Deudores', whoSegment: 'Segmento',
      whoFilter: 'Filtro', whoDebtorIds: 'Claves de deudor', minDaysPastDue: 'Días de atraso desde', maxDaysPastDue: 'hasta',
      minBalance: 'Saldo desde', maxBalance: 'hasta', filterTeam: 'Equipo', campaignSendAt: 'Enviar el',
      campaignSendAtHint: 'Hora de la agencia; vacío: ahora (dentro del horario de contacto)', noTemplateForChannel: 'No hay plantillas de este canal',
      campaignCreated: (n) => `Campaña creada: ${n} mensajes en cola`
    },
    en: {
      tabMessages: 'Messages', templates: 'Templates', campaigns: 'Campaigns', templateName: 'Name', channel: 'Channel',
      channelEmail: 'E-mail', templateLanguage: 'Language', templateBody: 'Text',
      templateHint: "Variables: {nombre}, {saldo}, {vencimiento}, {liga_pago}, {agente}, {monto_promesa}. On WhatsApp the name is the template's approved at Meta.",
      colChannel: 'Channel', colLanguage: 'Language', colBody: 'Text', colCreatedBy: 'Created by', colCreated: 'Created',
      colTemplate: 'Template', colSendAt: 'Sending', colMessages: 'Messages', noTemplates: 'No templates yet',
      noCampaigns: 'No campaigns yet', templateCreated: (tp) => `Template ${tp.name} created (${(tp.variables || []).join(', ') || 'no variables'})`,
      campaignTitle: (c) => `${c.name} · ${c.channel} · ${c.template}`,
      campaignStatus: { scheduled: 'scheduled', running: 'sending', done: 'done' },
      progress: (done, total, status) => `${done} of ${total} handled · ${status}`,
      counts: { eligible: 'To send or sent', sent: 'Sent', delivered: 'Delivered', read: 'Read', replied: 'Replied',
        failed: 'Failed', skipped: 'Skipped' },
      skippedByReason: 'Skipped by reason', noSkipped: 'None',
      reasons: { opted_out: 'opted out', no_consent: 'no consent to messages', no_recipient: 'no number or e-mail',
        weekly_limit: 'weekly limit', outside_24h_window: 'outside the 24 h window', missing_value: 'a template value is missing' },
      paidWithin7Days: (n, amount) => `Paid within 7 days of their message: ${n}${amount ? ` · ${amount}` : ''}`,
      newCampaign: 'New campaign', campaignName: 'Name', campaignWho: 'To', whoDebtors: 'Debtors', whoSegment: 'Segment',
      whoFilter: 'Filter', whoDebtorIds: 'Debtor ids', minDaysPastDue: 'Days past due from', maxDaysPastDue: 'to',
      minBalance: 'Balance from', maxBalance: 'to', filterTeam: 'Team', campaignSendAt: 'Send at',
      campaignSendAtHint: "Agency time; empty: now (within the contact hours)", noTemplateForChannel: 'No templates on this channel',
      campaignCreated: (n) => `Campaign created: ${n} messages queued`
    }
  });

  const state = { templates: [], campaigns: [], selected: null, status: null, timer: null, visible: false };
  window.campoOffice = window.campoOffice || {};

  function showError(e) { if (e.status !== 401) $('messages-error').textContent = e.message; }

  async function load() {
    $('messages-error').textContent = '';
    try {
      const [templates, campaigns] = await Promise.all([api('/api/message-templates'), api('/api/campaigns')]);
      state.templates = templates.templates || [];
      state.campaigns = campaigns.campaigns || [];
      renderTemplates();
      renderCampaigns();
      renderTemplateChoice();
      window.campoOffice.messagesLoaded = (window.campoOffice.messagesLoaded || 0) + 1;
    } catch (e) { showError(e); }
  }

  function renderTemplates() {
    const table = $('templates-table');
    table.tHead.innerHTML = `<tr><th>${t('colName')}</th><th>${t('colChannel')}</th><th>${t('colLanguage')}</th>` +
      `<th>${t('colBody')}</th><th>${t('colCreatedBy')}</th><th>${t('colCreated')}</th></tr>`;
    table.tBodies[0].innerHTML = state.templates.length ? state.templates.map((tp) => `<tr data-template="${esc(tp.id)}">` +
      `<td>${esc(tp.name)}</td><td>${esc(tp.channel)}</td><td>${esc(tp.language)}</td><td>${esc(tp.body)}</td>` +
      `<td>${esc(tp.createdBy)}</td><td>${esc(office.dateTime(tp.createdAt))}</td></tr>`).join('')
      : `<tr><td colspan="6" class="muted">${t('noTemplates')}</td></tr>`;
  }

  function renderCampaigns() {
    const table = $('campaigns-table');
    table.tHead.innerHTML = `<tr><th>${t('colName')}</th><th>${t('colChannel')}</th><th>${t('colTemplate')}</th>` +
      `<th>${t('colSendAt')}</th><th>${t('colCreatedBy')}</th><th class="num">${t('colMessages')}</th></tr>`;
    table.tBodies[0].innerHTML = state.campaigns.length ? state.campaigns.map((c) =>
      `<tr data-campaign="${esc(c.id)}" class="${state.selected && state.selected.id === c.id ? 'selected' : ''}">` +
      `<td>${esc(c.name)}</td><td>${esc(c.channel)}</td><td>${esc(c.template)}</td><td>${esc(office.dateTime(c.sendAt))}</td>` +
      `<td>${esc(c.strategy ? `${c.createdBy} · ${c.strategy}` : c.createdBy)}</td><td class="num">${esc(c.messages)}</td></tr>`).join('')
      : `<tr><td colspan="6" class="muted">${t('noCampaigns')}</td></tr>`;
  }

  async function openCampaign(campaign) {
    clearTimeout(state.timer);
    state.selected = campaign;
    state.status = null;
    renderCampaigns();
    await refreshCampaign(campaign);
  }

  // Read again while messages are queued or being sent, and only while the tab is shown.
  async function refreshCampaign(campaign) {
    try {
      const status = await api(`/api/campaigns/${encodeURIComponent(campaign.id)}`);
      if (state.selected !== campaign) return;
      state.status = status;
      renderCampaign();
      if (status.status !== 'done' && state.visible) state.timer = setTimeout(() => refreshCampaign(campaign), POLL_MS);
    } catch (e) { showError(e); }
  }

  function renderCampaign() {
    const c = state.selected;
    const s = state.status;
    if (!c || !s) return;
    $('campaign').hidden = false;
    $('campaign').dataset.status = s.status;
    $('campaign-title').textContent = t('campaignTitle')(c);
    const n = s.counts;
    // Handled = what will not be sent any more: sent (delivered and read included), failed, skipped.
    const total = n.eligible + n.skipped;
    const done = n.sent + n.failed + n.skipped;
    const bar = $('campaign-progress');
    bar.max = Math.max(total, 1);
    bar.value = Math.min(done, bar.max);
    $('campaign-progress-text').textContent = t('progress')(done, total, t('campaignStatus')[s.status] || s.status);
    $('campaign-counts').tBodies[0].innerHTML = ['eligible', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped']
      .map((k) => `<tr data-count="${k}"><th>${esc(t('counts')[k])}</th><td class="num">${esc(n[k])}</td></tr>`).join('');
    const skipped = Object.entries(s.skipped || {});
    $('campaign-skipped').innerHTML = skipped.length ? skipped.map(([reason, count]) =>
      `<li data-reason="${esc(reason)}">${esc(t('reasons')[reason] || reason)} (${esc(reason)}): ${esc(count)}</li>`).join('')
      : `<li class="muted">${t('noSkipped')}</li>`;
    const r = s.results;
    const results = $('campaign-results');
    results.dataset.paid = r ? String(r.paidWithin7Days) : '';
    results.textContent = r ? t('paidWithin7Days')(r.paidWithin7Days, r.paidAmount === null || r.paidAmount === undefined ? ''
      : office.money(r.paidAmount, Object.keys(r.paidByCurrency || {})[0])) : '';
  }

  // The campaign form: the channel's templates by name (as the server takes them), who gets it, and when.
  function renderTemplateChoice() {
    const select = $('campaign-template');
    const channel = $('campaign-channel').value;
    const previous = select.value;
    const names = [...new Set(state.templates.filter((tp) => tp.channel === channel).map((tp) => tp.name))];
    select.innerHTML = names.length ? names.map((n) => `<option value="${esc(n)}">${esc(n)}</option>`).join('')
      : `<option value="">${esc(t('noTemplateForChannel'))}</option>`;
    if (names.includes(previous)) select.value = previous;
  }

  function showWho() {
    const who = $('campaign-who').value;
    document.querySelectorAll('#campaign-form [data-who]').forEach((el) => { el.hidden = el.dataset.who !== who; });
  }

  // Whole numbers go as numbers; anything else goes as typed, so the server's reason names it.
  const days = (text) => (/^-?\d+$/.test(text) ? Number(text) : text);

  function campaignBody() {
    const body = { name: $('campaign-name').value.trim(), channel: $('campaign-channel').value, template: $('campaign-template').value };
    const who = $('campaign-who').value;
    if (who === 'debtors') {
      body.debtors = $('campaign-debtors').value.split(/[\s,;]+/).filter((id) => id);
    } else if (who === 'segment') {
      body.segment = $('campaign-segment').value.trim();
    } else {
      const filter = {};
      [['minDaysPastDue', 'campaign-min-dpd', days], ['maxDaysPastDue', 'campaign-max-dpd', days],
        ['minBalance', 'campaign-min-balance', String], ['maxBalance', 'campaign-max-balance', String], ['team', 'campaign-team', String]]
        .forEach(([key, id, as]) => { const v = $(id).value.trim(); if (v) filter[key] = as(v); });
      body.filter = filter;
    }
    const local = $('campaign-send-at').value;
    if (local) body.sendAt = office.agencyInstant(local);
    return body;
  }

  async function createCampaign(e) {
    e.preventDefault();
    const status = $('campaign-status');
    status.textContent = ''; status.dataset.outcome = '';
    try {
      const created = await api('/api/campaigns', { method: 'POST', body: campaignBody() });
      $('campaign-name').value = '';
      await load();
      status.textContent = t('campaignCreated')(created.queued); status.dataset.outcome = 'done';
      const shown = state.campaigns.find((c) => c.id === created.id);
      if (shown) await openCampaign(shown);
    } catch (err) {
      if (err.status !== 401) { status.textContent = err.message; status.dataset.outcome = 'error'; }
    }
  }

  async function createTemplate(e) {
    e.preventDefault();
    const status = $('template-status');
    status.textContent = ''; status.dataset.outcome = '';
    try {
      const created = await api('/api/message-templates', { method: 'POST', body: { name: $('template-name').value.trim(),
        channel: $('template-channel').value, language: $('template-language').value.trim() || 'es_MX', body: $('template-body').value } });
      $('template-name').value = ''; $('template-body').value = '';
      // Said once the list shows it.
      await load();
      status.textContent = t('templateCreated')(created); status.dataset.outcome = 'done';
    } catch (err) {
      if (err.status !== 401) { status.textContent = err.message; status.dataset.outcome = 'error'; }
    }
  }

  office.section({
    id: 'messages',
    init() {
      $('template-form').onsubmit = createTemplate;
      $('campaign-form').onsubmit = createCampaign;
      $('campaign-channel').addEventListener('change', renderTemplateChoice);
      $('campaign-who').addEventListener('change', showWho);
      $('campaigns-table').tBodies[0].addEventListener('click', (e) => {
        const row = e.target.closest('tr[data-campaign]');
        const campaign = row && state.campaigns.find((c) => String(c.id) === row.dataset.campaign);
        if (campaign) openCampaign(campaign);
      });
      // Leaving the tab stops the polling; coming back reads the list and the open campaign again.
      document.querySelectorAll('#tabs [data-tab]').forEach((b) => b.addEventListener('click', () => {
        state.visible = b.dataset.tab === 'messages';
        if (!state.visible) clearTimeout(state.timer);
      }));
    },
    async onShow() {
      state.visible = true;
      await load();
      if (state.selected) {
        const again = state.campaigns.find((c) => c.id === state.selected.id);
        if (again) openCampaign(again);
      }
    },
    onLanguage() { renderTemplates(); renderCampaigns(); renderCampaign(); renderTemplateChoice(); }
  });
})(window.CampoOffice);
