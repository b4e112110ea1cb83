// Office page, "Cuestionarios": every questionnaire's versions (GET /api/questionnaires/{key}, newest first, the one
// in force marked) and an editor that saves a new version (POST /api/questionnaires): versions are never edited in
// place, since visits already answered the old ones. The server's check is the only check; its reasons are shown.
(function (office) {
  'use strict';

  const { $, esc, api, t } = office;
  const TYPES = ['yes_no', 'single_choice', 'multiple_choice', 'number', 'text'];
  const state = { list: [], key: null, versions: [] };

  async function loadList(select) {
    try {
      state.list = await api('/api/questionnaires');
    } catch (e) { if (e.status !== 401) $('q-error').textContent = e.message; return; }
    const keys = state.list.map((q) => q.key);
    $('q-select').innerHTML = keys.length ? keys.map((k) => `<option value="${esc(k)}">${esc(k)}</option>`).join('')
      : `<option value="">${esc(t('noQuestionnaires'))}</option>`;
    const key = select && keys.includes(select) ? select : keys[0];
    if (key) { $('q-select').value = key; await loadVersions(key); } else { state.versions = []; renderVersions(); }
  }

  async function loadVersions(key) {
    state.key = key;
    try {
      state.versions = (await api(`/api/questionnaires/${encodeURIComponent(key)}`)).versions;
    } catch (e) { if (e.status !== 401) $('q-error').textContent = e.message; state.versions = []; }
    renderVersions();
  }

  function renderVersions() {
    $('q-versions').innerHTML = state.versions.map((v) => `<li class="${v.inForce ? 'in-force' : ''}">` +
      `${esc(t('versionLine')({ ...v, validFrom: office.dateTime(v.validFrom) }))}` +
      `${v.inForce ? ` · ${t('inForce')}` : (Date.parse(v.validFrom) > Date.now() ? ` · ${t('scheduled')}` : '')}` +
      `${office.isPlanner() ? ` <button type="button" data-new-version="${esc(v.version)}">${esc(t('newVersion'))}</button>` : ''}</li>`).join('');
  }

  function openEditor(base) {
    $('q-editor').hidden = false;
    $('q-status').textContent = '';
    $('q-error').textContent = '';
    $('q-editor-title').textContent = base ? t('editorVersion')(base.key) : t('editorNew');
    $('q-key').value = base ? base.key : '';
    $('q-key').readOnly = !!base;
    $('q-product').value = base && base.appliesTo ? base.appliesTo.product || '' : '';
    $('q-segment').value = base && base.appliesTo ? base.appliesTo.segment || '' : '';
    $('q-valid-from').value = '';
    $('q-questions').replaceChildren();
    (base ? base.questions : [{ type: 'yes_no', label: {}, required: true }]).forEach(addQuestion);
  }

  function addQuestion(q = { type: 'text', label: {}, required: false }) {
    const row = document.createElement('div');
    row.className = 'question';
    row.innerHTML = `<label>${esc(t('qId'))} <input type="text" class="q-id" size="12" value="${esc(q.id || '')}"></label>` +
      `<label>${esc(t('qType'))} <select class="q-type">${TYPES.map((x) => `<option value="${x}"${x === q.type ? ' selected' : ''}>` +
        `${esc(t('types')[x])}</option>`).join('')}</select></label>` +
      `<label>${esc(t('qLabelEs'))} <input type="text" class="q-es" size="28" value="${esc(q.label.es || '')}"></label>` +
      `<label>${esc(t('qLabelEn'))} <input type="text" class="q-en" size="28" value="${esc(q.label.en || '')}"></label>` +
      `<label class="q-choices">${esc(t('qChoices'))} <input type="text" class="q-choice-list" value="${esc((q.choices || []).join('; '))}"></label>` +
      `<label>${esc(t('qRequired'))} <input type="checkbox" class="q-required"${q.required ? ' checked' : ''}></label>` +
      `<button type="button" class="q-remove">${esc(t('remove'))}</button>`;
    row.querySelector('.q-remove').onclick = () => row.remove();
    const type = row.querySelector('.q-type');
    const showChoices = () => { row.querySelector('.q-choices').hidden = !type.value.endsWith('_choice'); };
    type.onchange = showChoices;
    showChoices();
    $('q-questions').append(row);
  }

  // Typed as the agency's wall-clock time, sent as the instant the server stores (UTC).
  function validFrom() {
    const local = $('q-valid-from').value;
    return local ? office.agencyInstant(local) : undefined;
  }

  async function save(event) {
    event.preventDefault();
    const questions = [...document.querySelectorAll('#q-questions .question')].map((row) => {
      const q = { id: row.querySelector('.q-id').value.trim(), type: row.querySelector('.q-type').value,
        label: { es: row.querySelector('.q-es').value.trim() }, required: row.querySelector('.q-required').checked };
      const en = row.querySelector('.q-en').value.trim();
      if (en) q.label.en = en;
      if (q.type.endsWith('_choice')) q.choices = row.querySelector('.q-choice-list').value.split(';').map((c) => c.trim()).filter(Boolean);
      return q;
    });
    $('q-error').textContent = '';
    if (!questions.length) { $('q-error').textContent = t('qNoQuestions'); return; }
    const appliesTo = {};
    if ($('q-product').value.trim()) appliesTo.product = $('q-product').value.trim();
    if ($('q-segment').value.trim()) appliesTo.segment = $('q-segment').value.trim();
    const body = { key: $('q-key').value.trim(), appliesTo, questions };
    if (validFrom()) body.validFrom = validFrom();
    try {
      const saved = await api('/api/questionnaires', { method: 'POST', body });
      $('q-status').textContent = t('qSaved')(saved);
      $('q-editor').hidden = true;
      await loadList(saved.key);
      $('q-status').textContent = t('qSaved')(saved);
    } catch (e) {
      if (e.status !== 401) $('q-error').textContent = e.message;
    }
  }

  office.section({
    id: 'questionnaires',
    init() {
      $('q-select').onchange = () => loadVersions($('q-select').value);
      $('q-new').onclick = () => openEditor(null);
      $('q-add').onclick = () => addQuestion();
      $('q-editor').onsubmit = save;
      $('q-versions').addEventListener('click', (e) => {
        const b = e.target.closest('[data-new-version]');
        if (b) openEditor(state.versions.find((v) => String(v.version) === b.dataset.newVersion));
      });
    },
    onShow() { loadList(state.key); },
    onLanguage() { renderVersions(); }
  });
})(window.CampoOffice);
