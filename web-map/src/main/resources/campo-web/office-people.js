// Office page, "Usuarios, equipos y agentes" (admins): create agents, teams and office users; give an agent a new
// device token and show its enrolment QR (GET /api/agents/{id}/enrolment) for the agent app to scan; disable or
// enable an agent. Every action is the admin API's; the page only shows its answers and reasons.
(function (office) {
  'use strict';

  const { $, esc, api, t } = office;
  const state = { agents: [], teams: [], users: [] };
  window.campoOffice = window.campoOffice || {};

  function status(text, outcome) {
    $('people-status').textContent = text;
    $('people-status').dataset.outcome = outcome || 'done';
  }

  async function load() {
    try {
      [state.agents, state.teams, state.users] = await Promise.all([api('/api/agents'), api('/api/teams'), api('/api/users')]);
    } catch (e) { if (e.status !== 401) status(e.message, 'error'); return; }
    render();
  }

  function teamOptions(selected) {
    return `<option value="">${esc(t('noTeam'))}</option>` + state.teams.map((x) =>
      `<option value="${esc(x.id)}"${x.id === selected ? ' selected' : ''}>${esc(x.name || x.id)}</option>`).join('');
  }

  function render() {
    const agentTeam = $('agent-team').value, userTeam = $('user-team').value;
    $('agent-team').innerHTML = teamOptions();
    $('user-team').innerHTML = teamOptions();
    $('agent-team').value = agentTeam; $('user-team').value = userTeam;
    const agents = $('agents-table');
    agents.tHead.innerHTML = `<tr><th>${t('colId')}</th><th>${t('colName')}</th><th>${t('colTeam')}</th><th>${t('colActive')}</th><th></th></tr>`;
    agents.tBodies[0].innerHTML = state.agents.slice().sort((a, b) => a.id.localeCompare(b.id)).map((a) =>
      `<tr data-agent="${esc(a.id)}" class="${a.active === false ? 'disabled-row' : ''}"><td>${esc(a.id)}</td><td>${esc(a.name)}</td>` +
      `<td><select class="agent-team" data-id="${esc(a.id)}" aria-label="${esc(t('team'))}">${teamOptions(a.team)}</select></td>` +
      `<td>${a.active === false ? t('no') : t('yes')}</td><td>` +
      `<button type="button" data-rotate="${esc(a.id)}">${esc(t('rotate'))}</button> ` +
      `<button type="button" data-active="${a.active === false ? 'true' : 'false'}" data-id="${esc(a.id)}">` +
      `${esc(a.active === false ? t('enable') : t('disable'))}</button></td></tr>`).join('');
    $('teams-list').innerHTML = state.teams.map((x) => `<li>${esc(x.id)}${x.name && x.name !== x.id ? ` · ${esc(x.name)}` : ''}` +
      ` <small>(${esc(x.agents)})</small></li>`).join('');
    const users = $('users-table');
    users.tHead.innerHTML = `<tr><th>${t('username')}</th><th>${t('colRole')}</th><th>${t('colTeams')}</th></tr>`;
    users.tBodies[0].innerHTML = state.users.map((u) => `<tr data-user="${esc(u.username)}"><td>${esc(u.username)}</td>` +
      `<td>${esc(u.role)}</td><td>${esc((u.teams || []).join(', '))}</td></tr>`).join('');
  }

  async function act(call, done) {
    try {
      const answer = await call();
      status(done(answer));
      await load();
      return answer;
    } catch (e) {
      if (e.status !== 401) status(`${t('failed')}: ${e.message}`, 'error');
      return null;
    }
  }

  async function rotate(id) {
    if (!window.confirm(t('confirmRotate')(id))) return;
    const rotated = await act(() => api(`/api/agents/${encodeURIComponent(id)}/token`, { method: 'POST' }), () => t('rotate'));
    if (rotated) await showEnrolment(id, rotated.deviceToken);
  }

  // The QR is the server's SVG (markup it generated, no user text inside), shown as it is; the token only this once.
  async function showEnrolment(id, deviceToken) {
    try {
      const e = await api(`/api/agents/${encodeURIComponent(id)}/enrolment`);
      $('enrolment').hidden = false;
      $('enrolment-title').textContent = t('enrolFor')(id);
      $('enrolment-qr').innerHTML = e.qrSvg;
      $('enrolment-url').href = e.url;
      $('enrolment-url').textContent = t('enrolExpires')(office.dateTime(e.expiresAt));
      $('enrolment-token').textContent = deviceToken ? t('enrolToken')(deviceToken) : '';
      window.campoOffice.enrolment = { agentId: id, url: e.url };
    } catch (err) {
      if (err.status !== 401) status(`${t('failed')}: ${err.message}`, 'error');
    }
  }

  async function createAgent(event) {
    event.preventDefault();
    const body = { id: $('agent-id').value.trim(), name: $('agent-name').value.trim() };
    if ($('agent-team').value) body.team = $('agent-team').value;
    const created = await act(() => api('/api/agents', { method: 'POST', body }), (a) => t('created')(a.id));
    if (created) { event.target.reset(); await showEnrolment(created.id, created.deviceToken); }
  }

  async function createTeam(event) {
    event.preventDefault();
    const body = { id: $('team-id').value.trim() };
    if ($('team-name').value.trim()) body.name = $('team-name').value.trim();
    if (await act(() => api('/api/teams', { method: 'POST', body }), (x) => t('created')(x.id))) event.target.reset();
  }

  async function createUser(event) {
    event.preventDefault();
    const body = { username: $('user-name').value.trim(), password: $('user-password').value, role: $('user-role').value,
      teams: $('user-team').value ? [$('user-team').value] : [] };
    if (await act(() => api('/api/users', { method: 'POST', body }), (u) => t('created')(u.username))) event.target.reset();
  }

  office.section({
    id: 'people',
    init() {
      $('agent-form').onsubmit = createAgent;
      $('team-form').onsubmit = createTeam;
      $('user-form').onsubmit = createUser;
      // Moving an agent between teams changes which dispatchers and managers see it (PUT /api/agents/{id}/team).
      $('agents-table').addEventListener('change', (e) => {
        const select = e.target.closest('select.agent-team');
        if (!select) return;
        const id = select.dataset.id, team = select.value || null;
        act(() => api(`/api/agents/${encodeURIComponent(id)}/team`, { method: 'PUT', body: { team } }),
          () => t('agentMoved')(id, team || t('noTeam')));
      });
      $('agents-table').addEventListener('click', (e) => {
        const r = e.target.closest('[data-rotate]');
        if (r) { rotate(r.dataset.rotate); return; }
        const a = e.target.closest('[data-active]');
        if (a) {
          const active = a.dataset.active === 'true', id = a.dataset.id;
          act(() => api(`/api/agents/${encodeURIComponent(id)}/active`, { method: 'PUT', body: { active } }),
            () => (active ? t('agentEnabled')(id) : t('agentDisabled')(id)));
        }
      });
    },
    onShow: load,
    onLanguage() { if (state.agents.length || state.teams.length) render(); }
  });
})(window.CampoOffice);
