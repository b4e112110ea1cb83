// Office page, "Importar cartera": uploads a CSV or JSON portfolio to POST /api/debtors/import with the upload's
// progress (XMLHttpRequest: fetch reports no upload progress), then the import's counts and every rejected row
// with its line and reasons, as the server reports them.
(function (office) {
  'use strict';

  const { $, esc, t } = office;
  window.campoOffice = window.campoOffice || {};

  function upload(file) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const importId = `web-${Date.now().toString(36)}`;
      xhr.open('POST', `/api/debtors/import?importId=${importId}`);
      xhr.setRequestHeader('Authorization', `Bearer ${office.session.token}`);
      const json = /\.json$/i.test(file.name) || file.type === 'application/json';
      xhr.setRequestHeader('Content-Type', json ? 'application/json' : 'text/csv');
      xhr.upload.onprogress = (e) => {
        if (!e.lengthComputable) return;
        const percent = Math.round((100 * e.loaded) / e.total);
        $('import-upload').value = percent;
        $('import-upload-text').textContent = `${percent} % · ${(e.loaded / 1048576).toFixed(1)} / ${(e.total / 1048576).toFixed(1)} MB`;
        window.campoOffice.uploadEvents = (window.campoOffice.uploadEvents || 0) + 1;
      };
      // Sent in full: the rows are now the server's to read, which the counts below will tell.
      xhr.upload.onload = () => { $('import-status').textContent = t('importRunning'); };
      xhr.onerror = () => reject(new Error(t('networkError')));
      xhr.onload = () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        if (xhr.status === 401) { office.session.logout(); reject(new Error('unauthorised')); return; }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body);
        else reject(new Error((body && body.error) || `${xhr.status} ${xhr.statusText}`));
      };
      xhr.send(file);
    });
  }

  async function submit(event) {
    event.preventDefault();
    const file = $('import-file').files[0];
    $('import-error').textContent = '';
    $('import-status').textContent = '';
    $('import-status').removeAttribute('data-outcome');
    $('import-rejections').hidden = true;
    if (!file) { $('import-error').textContent = t('importChooseFile'); return; }
    $('import-submit').disabled = true;
    $('import-upload-label').hidden = false;
    $('import-upload').value = 0;
    try {
      const report = await upload(file);
      window.campoOffice.lastImport = report;
      $('import-status').textContent = t('importDone')(report);
      $('import-status').dataset.outcome = 'done';
      renderRejections(report.rejected || []);
    } catch (e) {
      $('import-status').textContent = '';
      $('import-error').textContent = `${t('importFailed')}: ${e.message}`;
    } finally {
      $('import-submit').disabled = false;
    }
  }

  function renderRejections(rows) {
    const table = $('import-rejections');
    table.hidden = rows.length === 0;
    table.tHead.innerHTML = `<tr><th class="num">${t('colLine')}</th><th>${t('colId')}</th><th>${t('colReasons')}</th></tr>`;
    table.tBodies[0].innerHTML = rows.map((r) => `<tr><td class="num">${esc(r.line)}</td><td>${esc(r.externalId || '')}</td>` +
      `<td>${(r.reasons || []).map(esc).join('<br>')}</td></tr>`).join('');
  }

  office.section({
    id: 'import',
    init() { $('import-form').onsubmit = submit; },
    onLanguage() { if (window.campoOffice.lastImport) $('import-status').textContent = t('importDone')(window.campoOffice.lastImport); }
  });
})(window.CampoOffice);
