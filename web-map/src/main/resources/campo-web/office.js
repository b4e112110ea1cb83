// The office page's shell: words in Spanish and English, the tabs, and what the sections share. Each section
// (office-debtors.js, office-import.js, office-questionnaires.js, office-people.js) is its own classic script that
// registers with `CampoOffice.section(...)`; office-start.js boots the page once all are loaded. The session (token,
// role, language, the agency's time zone) is the map's and the manager page's: session.js, loaded first.
window.CampoOffice = (function () {
  'use strict';

  const session = window.CampoSession;
  const TEXT = {
    es: {
      pageTitle: 'Oficina', backToMap: 'Mapa', reports: 'Informes', logout: 'Salir', loginTitle: 'Iniciar sesión',
      user: 'Usuario', password: 'Contraseña', signIn: 'Entrar', badLogin: 'Usuario o contraseña incorrectos',
      loginFailed: 'No se pudo iniciar sesión', switchTo: 'English', networkError: 'Sin conexión con el servidor',
      tabDebtors: 'Deudores', tabImport: 'Importar cartera', tabQuestionnaires: 'Cuestionarios', tabPeople: 'Usuarios, equipos y agentes',
      debtorSearch: 'Nombre, id o teléfono', searchTooShort: 'Escribe al menos 2 caracteres', searchButton: 'Buscar', previous: 'Anteriores', next: 'Siguientes',
      searchCount: (from, to, total) => (total === 0 ? 'Ningún deudor coincide' : `${from}–${to} de ${total}`),
      colId: 'Id', colName: 'Nombre', colPhones: 'Teléfonos', colTeam: 'Equipo', colBalance: 'Saldo', colDebts: 'Créditos',
      debts: 'Créditos', addresses: 'Domicilios', visits: 'Visitas', clientLog: 'Bitácora', noVisits: 'Sin visitas',
      noLog: 'Sin entradas', colContract: 'Contrato', colProduct: 'Producto', colDue: 'Vence', colDaysPastDue: 'Días de atraso',
      facts: (d) => `${d.externalId} · ${d.segment || 'sin segmento'} · prioridad ${d.segmentation ? d.segmentation.priority : '–'}`,
      visitLine: (v) => `Visita ${v.id} · ${v.agentId} · ${v.outcome} · ${v.status}`, noEvidence: 'sin fotos',
      inactiveAddress: 'inactivo',
      importFile: 'Archivo CSV o JSON', importButton: 'Importar', uploading: 'Subiendo',
      importHint: 'Columnas: id, name, lat, lon, phone, contract, product, currency, principal, balance, due_date, team… Un renglón con errores se rechaza solo, con su motivo.',
      importRunning: 'El servidor está importando los renglones…', importChooseFile: 'Elige un archivo',
      importDone: (r) => `${r.rows} renglones: ${r.imported} nuevos, ${r.updated} actualizados, ${r.rejectedCount} rechazados (${(r.millis / 1000).toFixed(1)} s)`,
      importFailed: 'La importación falló', colLine: 'Renglón', colReasons: 'Motivos',
      questionnaire: 'Cuestionario', newQuestionnaire: 'Cuestionario nuevo', newVersion: 'Nueva versión', noQuestionnaires: 'Aún no hay cuestionarios',
      versionLine: (v) => `Versión ${v.version} · desde ${v.validFrom} · ${v.questions.length} preguntas · por ${v.createdBy}`,
      inForce: 'vigente', scheduled: 'programada', editorNew: 'Cuestionario nuevo', editorVersion: (k) => `Nueva versión de ${k}`,
      qKey: 'Clave', qProduct: 'Producto (opcional)', qSegment: 'Segmento (opcional)', qValidFrom: 'Vigente desde, hora de la agencia (vacío: ahora)',
      addQuestion: 'Agregar pregunta', saveVersion: 'Guardar versión', qId: 'Id', qType: 'Tipo', qLabelEs: 'Pregunta (español)',
      qLabelEn: 'Pregunta (inglés)', qRequired: 'Obligatoria', qChoices: 'Opciones (separadas por ;)', remove: 'Quitar',
      types: { text: 'Texto', number: 'Número', single_choice: 'Una opción', multiple_choice: 'Varias opciones', yes_no: 'Sí / no' },
      qSaved: (v) => `Guardada la versión ${v.version} de ${v.key}`, qNoQuestions: 'Agrega al menos una pregunta',
      agents: 'Agentes', teams: 'Equipos', users: 'Usuarios', agentId: 'Id del agente', agentName: 'Nombre', create: 'Crear',
      noTeam: '(sin equipo)', teamId: 'Id del equipo', teamName: 'Nombre del equipo', username: 'Usuario', role: 'Rol',
      roleDispatcher: 'Despachador', roleManager: 'Gerente', roleAdmin: 'Administrador', colRole: 'Rol', colTeams: 'Equipos',
      colActive: 'Activo', colActions: '', rotate: 'Nuevo token y QR', disable: 'Deshabilitar', enable: 'Habilitar', yes: 'sí', no: 'no',
      enrolFor: (id) => `Inscribir el teléfono de ${id}`, enrolToken: (tk) => `Token del dispositivo (solo se muestra ahora): ${tk}`,
      enrolExpires: (at) => `El código vale hasta ${at}`, confirmRotate: (id) => `¿Dar un token nuevo a ${id}? El teléfono actual se desconecta.`,
      created: (what) => `${what} creado`, agentMoved: (id, team) => `${id} ahora en ${team}`, team: 'Equipo', agentDisabled: (id) => `${id} deshabilitado`, agentEnabled: (id) => `${id} habilitado`,
      failed: 'Falló'
    },
    en: {
      pageTitle: 'Office', backToMap: 'Map', reports: 'Reports', logout: 'Log out', loginTitle: 'Sign in',
      user: 'User', password: 'Password', signIn: 'Sign in', badLogin: 'Wrong user or password',
      loginFailed: 'Could not sign in', switchTo: 'Español', networkError: 'No connection to the server',
      tabDebtors: 'Debtors', tabImport: 'Import portfolio', tabQuestionnaires: 'Questionnaires', tabPeople: 'Users, teams and agents',
      debtorSearch: 'Name, id or phone', searchTooShort: 'Type at least 2 characters', searchButton: 'Search', previous: 'Previous', next: 'Next',
      searchCount: (from, to, total) => (total === 0 ? 'No debtor matches' : `${from}–${to} of ${total}`),
      colId: 'Id', colName: 'Name', colPhones: 'Phones', colTeam: 'Team', colBalance: 'Balance', colDebts: 'Loans',
      debts: 'Loans', addresses: 'Addresses', visits: 'Visits', clientLog: 'Client log', noVisits: 'No visits',
      noLog: 'No entries', colContract: 'Contract', colProduct: 'Product', colDue: 'Due', colDaysPastDue: 'Days past due',
      facts: (d) => `${d.externalId} · ${d.segment || 'no segment'} · priority ${d.segmentation ? d.segmentation.priority : '–'}`,
      visitLine: (v) => `Visit ${v.id} · ${v.agentId} · ${v.outcome} · ${v.status}`, noEvidence: 'no photos',
      inactiveAddress: 'inactive',
      importFile: 'CSV or JSON file', importButton: 'Import', uploading: 'Uploading',
      importHint: 'Columns: id, name, lat, lon, phone, contract, product, currency, principal, balance, due_date, team… A row with errors is rejected on its own, with its reason.',
      importRunning: 'The server is importing the rows…', importChooseFile: 'Choose a file',
      importDone: (r) => `${r.rows} rows: ${r.imported} new, ${r.updated} updated, ${r.rejectedCount} rejected (${(r.millis / 1000).toFixed(1)} s)`,
      importFailed: 'The import failed', colLine: 'Line', colReasons: 'Reasons',
      questionnaire: 'Questionnaire', newQuestionnaire: 'New questionnaire', newVersion: 'New version', noQuestionnaires: 'No questionnaires yet',
      versionLine: (v) => `Version ${v.version} · from ${v.validFrom} · ${v.questions.length} questions · by ${v.createdBy}`,
      inForce: 'in force', scheduled: 'scheduled', editorNew: 'New questionnaire', editorVersion: (k) => `New version of ${k}`,
      qKey: 'Key', qProduct: 'Product (optional)', qSegment: 'Segment (optional)', qValidFrom: "Valid from, the agency's time (empty: now)",
      addQuestion: 'Add a question', saveVersion: 'Save version', qId: 'Id', qType: 'Type', qLabelEs: 'Question (Spanish)',
      qLabelEn: 'Question (English)', qRequired: 'Required', qChoices: 'Choices (separated by ;)', remove: 'Remove',
      types: { text: 'Text', number: 'Number', single_choice: 'One choice', multiple_choice: 'Several choices', yes_no: 'Yes / no' },
      qSaved: (v) => `Saved version ${v.version} of ${v.key}`, qNoQuestions: 'Add at least one question',
      agents: 'Agents', teams: 'Teams', users: 'Users', agentId: 'Agent id', agentName: 'Name', create: 'Create',
      noTeam: '(no team)', teamId: 'Team id', teamName: 'Team name', username: 'User name', role: 'Role',
      roleDispatcher: 'Dispatcher', roleManager: 'Manager', roleAdmin: 'Administrator', colRole: 'Role', colTeams: 'Teams',
      colActive: 'Active', colActions: '', rotate: 'New token and QR', disable: 'Disable', enable: 'Enable', yes: 'yes', no: 'no',
      enrolFor: (id) => `Enrol ${id}'s phone`, enrolToken: (tk) => `Device token (shown only now): ${tk}`,
      enrolExpires: (at) => `The code is valid until ${at}`, confirmRotate: (id) => `Give ${id} a new token? The current phone is signed out.`,
      created: (what) => `${what} created`, agentMoved: (id, team) => `${id} now in ${team}`, team: 'Team', agentDisabled: (id) => `${id} disabled`, agentEnabled: (id) => `${id} enabled`,
      failed: 'Failed'
    }
  };

  const t = (key) => TEXT[session.lang][key];
  const locale = () => (session.lang === 'es' ? 'es-MX' : 'en-US');
  const sections = [];
  let current = 'debtors';

  // Date and time in the agency's zone (CAMPO_TIME_ZONE), whatever the browser's own zone is.
  const dateTime = (iso) => session.formatInZone(iso, { dateStyle: 'medium', timeStyle: 'short' }, locale());
  const money = (amount, currency) => {
    try { return Number(amount).toLocaleString(locale(), { style: 'currency', currency: currency || 'MXN' }); } catch (e) { return `${amount} ${currency || ''}`; }
  };
  // "YYYY-MM-DDTHH:mm" typed as the agency's wall-clock time -> the ISO instant the server stores. The zone's offset
  // is read from Intl at the guessed instant, twice, so a time next to a daylight-saving change lands right.
  function agencyInstant(local) {
    const wall = Date.parse(`${local}:00Z`);
    if (isNaN(wall)) return undefined;
    const offsetAt = (ms) => {
      let parts;
      try {
        parts = new Intl.DateTimeFormat('en-CA', { timeZone: session.zone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
          day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
      } catch (e) { return -new Date(ms).getTimezoneOffset() * 60000; }
      const get = (type) => parts.find((p) => p.type === type).value;
      return Date.parse(`${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}Z`) - ms;
    };
    const first = wall - offsetAt(wall);
    return new Date(wall - offsetAt(first)).toISOString();
  }
  const isAdmin = () => session.role === 'admin';
  const isPlanner = () => session.role === 'admin' || session.role === 'dispatcher';

  function section(s) { sections.push(s); }
  // A section's own words (office-ledger.js, office-messages.js), so the shell's table stays the shell's.
  function words(more) { Object.assign(TEXT.es, more.es); Object.assign(TEXT.en, more.en); }

  function showTab(id) {
    current = id;
    document.querySelectorAll('#tabs [data-tab]').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === id)));
    document.querySelectorAll('.tab').forEach((el) => { el.hidden = el.id !== `tab-${id}`; });
    // A tab may have several sections (Mensajes: templates and campaigns, opt-outs).
    sections.filter((x) => x.id === id).forEach((s) => s.onShow && s.onShow());
  }

  function applyLanguage() {
    session.translatePage();
    sections.forEach((s) => s.onLanguage && s.onLanguage());
  }

  function start() {
    session.$('login').hidden = true; session.$('app').hidden = false; session.$('logout').hidden = false;
    document.querySelectorAll('.admin-only').forEach((el) => { el.hidden = !isAdmin(); });
    document.querySelectorAll('.planner-only').forEach((el) => { el.hidden = !isPlanner(); });
    const wanted = location.hash.replace('#', '') || current;
    const allowed = document.querySelector(`#tabs [data-tab="${wanted}"]`);
    showTab(allowed && !allowed.hidden ? wanted : 'debtors');
  }

  function showLogin() {
    session.$('login').hidden = false; session.$('app').hidden = true; session.$('logout').hidden = true;
  }

  function boot() {
    session.setup({ t, onLogin: start, onLogout: showLogin, onLanguage: applyLanguage });
    document.querySelectorAll('#tabs [data-tab]').forEach((b) => {
      b.onclick = () => { history.replaceState(null, '', `#${b.dataset.tab}`); showTab(b.dataset.tab); };
    });
    sections.forEach((s) => s.init && s.init());
    applyLanguage();
    if (session.token) start(); else showLogin();
  }

  return { session, t, locale, dateTime, agencyInstant, money, isAdmin, isPlanner, section, words, boot, esc: session.esc, $: session.$, api: session.api };
})();
