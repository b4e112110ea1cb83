// Questionnaires rendered from their JSON and checked the way the server checks them
// (io.campo.server.questionnaire.AnswerValidator): required answers present (a blank text or an empty multiple
// choice is not an answer), texts within maxLength code points, numbers within min/max, choices among the choices.
// The server stays the judge; checking here lets the agent fix the form at the door, offline.
window.AgentForm = (function () {
  'use strict';
  const t = (...a) => window.AgentI18n.t(...a);
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

  function label(q) {
    const lang = window.AgentI18n.lang();
    return (q.label && (q.label[lang] || q.label.es)) || q.id;
  }

  function render(fieldset, questionnaire) {
    if (!questionnaire) { fieldset.innerHTML = ''; fieldset.hidden = true; return; }
    fieldset.hidden = false;
    fieldset.innerHTML = `<legend>${esc(questionnaire.key)} v${questionnaire.version}</legend>` + questionnaire.questions.map((q) => {
      const name = `q-${esc(q.id)}`;
      const head = `<span>${esc(label(q))}${q.required ? ' *' : ''}</span>`;
      let input;
      switch (q.type) {
        case 'number':
          input = `<input name="${name}" data-q="${esc(q.id)}" inputmode="decimal"${q.min != null ? ` min="${q.min}"` : ''}${q.max != null ? ` max="${q.max}"` : ''}>`;
          break;
        case 'yes_no':
          input = `<select name="${name}" data-q="${esc(q.id)}"><option value=""></option><option value="true">${t('yes')}</option><option value="false">${t('no')}</option></select>`;
          break;
        case 'single_choice':
          input = `<select name="${name}" data-q="${esc(q.id)}"><option value=""></option>${q.choices.map((c) => `<option>${esc(c)}</option>`).join('')}</select>`;
          break;
        case 'multiple_choice':
          input = q.choices.map((c) => `<label class="inline"><input type="checkbox" data-q="${esc(q.id)}" value="${esc(c)}"> ${esc(c)}</label>`).join('');
          break;
        default:
          input = `<input name="${name}" data-q="${esc(q.id)}"${q.maxLength ? ` maxlength="${q.maxLength * 2}"` : ''}>`;
      }
      return `<div class="question" data-question="${esc(q.id)}"><label>${head} ${input}</label><small class="error"></small></div>`;
    }).join('');
  }

  // The answers as the API takes them: strings, numbers, booleans, lists of strings; unanswered questions left out.
  function answers(fieldset, questionnaire) {
    const out = {};
    if (!questionnaire) return out;
    for (const q of questionnaire.questions) {
      const els = [...fieldset.querySelectorAll('[data-q]')].filter((e) => e.dataset.q === q.id);
      if (q.type === 'multiple_choice') {
        const picked = els.filter((e) => e.checked).map((e) => e.value);
        if (picked.length) out[q.id] = picked;
        continue;
      }
      const raw = els[0] ? els[0].value.trim() : '';
      if (raw === '') continue;
      if (q.type === 'number') out[q.id] = Number(raw.replace(',', '.'));
      else if (q.type === 'yes_no') out[q.id] = raw === 'true';
      else out[q.id] = raw;
    }
    return out;
  }

  // Problems by question id, {id: message}; empty when the answers fit.
  function validate(questionnaire, given) {
    const problems = {};
    if (!questionnaire) return problems;
    for (const q of questionnaire.questions) {
      const a = given[q.id];
      const empty = a === undefined || a === null || (typeof a === 'string' && a.trim() === '') || (Array.isArray(a) && a.length === 0);
      if (empty) { if (q.required) problems[q.id] = t('required'); continue; }
      if (q.type === 'text' && q.maxLength != null && [...a].length > q.maxLength) problems[q.id] = t('tooLong', q.maxLength);
      if (q.type === 'number') {
        if (typeof a !== 'number' || Number.isNaN(a)) problems[q.id] = t('notNumber');
        else if (q.min != null && a < q.min) problems[q.id] = t('belowMin', q.min);
        else if (q.max != null && a > q.max) problems[q.id] = t('aboveMax', q.max);
      }
      if (q.type === 'single_choice' && !q.choices.includes(a)) problems[q.id] = q.choices.join(', ');
      if (q.type === 'multiple_choice' && (new Set(a).size !== a.length || a.some((c) => !q.choices.includes(c)))) {
        problems[q.id] = q.choices.join(', ');
      }
    }
    return problems;
  }

  function show(fieldset, problems) {
    fieldset.querySelectorAll('.question').forEach((div) => {
      div.querySelector('small.error').textContent = problems[div.dataset.question] || '';
    });
  }

  return { render, answers, validate, show };
})();
