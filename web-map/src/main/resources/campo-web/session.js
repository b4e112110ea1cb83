// Campo session, shared by the dispatcher map (app.js) and the manager page (manager.js), loaded before
// either. Both pages are one session — the same token and role (sessionStorage `campo.token`,
// `campo.role`, gone when the tab closes) and the same language (localStorage `campo.lang`) — so the
// code that keeps them lives here once: a page coming from the other needs no second login, and a
// fix to login, logout or the api client reaches both. What each page does after login, after
// logout and on a language switch stays in the page (the callbacks given to `setup`), as do its
// dictionaries: the login form and the header buttons have the same ids on both pages
// (`login`, `login-error`, `logout`, `lang`), which is what this script relies on. The own-password
// button and dialog are this script's own, words included (built beside `logout`).
// A classic script like the pages (no build step, no CDN: the agency's network may be offline).
window.CampoSession = (function () {
  'use strict';

  const TOKEN_KEY = 'campo.token', ROLE_KEY = 'campo.role', LANG_KEY = 'campo.lang', ZONE_KEY = 'campo.zone';
  let token = sessionStorage.getItem(TOKEN_KEY);
  let role = sessionStorage.getItem(ROLE_KEY);
  // The agency's time zone (CAMPO_TIME_ZONE, sent at login): plans, days and reports are dated in it.
  let zone = sessionStorage.getItem(ZONE_KEY) || undefined;
  // Spanish is the users' language; English is a switch remembered per browser.
  let lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'es';
  // The page's part, set by setup(): its translation function and what it does on each change.
  let page = { t: (key) => key, onLogin: () => {}, onLogout: () => {}, onLanguage: () => {} };
  // While this tab changes its password the server ends its old token, possibly before the new one arrives.
  let changingPassword = false;

  const $ = (id) => document.getElementById(id);

  // Both pages build HTML strings; every value from the server goes through this.
  function esc(s) {
    return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  // ───────────────────────────── api client ─────────────────────────────
  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  // Every call carries the JWT; a 401 means the session ended, so the page returns to the login form.
  // `options`: method, body (sent as JSON), signal. A request that never reached the server is an
  // ApiError with status 0 (worded by the page's `networkError` text when it has one); an abort is
  // passed on as it is, since callers tell it apart by its name.
  async function api(path, options = {}) {
    const sentWith = token;
    const headers = { 'Authorization': `Bearer ${sentWith}` };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method: options.method || 'GET', headers, signal: options.signal,
        body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, page.t('networkError') || e.message);
    }
    // Only when the token it was sent with is still this tab's, and no password change is under way: a password change replaces the token while requests
    // sent with the old one are on their way, and their 401 must not end the new session.
    if (response.status === 401) { if (sentWith === token && !changingPassword) logout(); throw new ApiError(401, 'unauthorised'); }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) throw new ApiError(response.status, (json && json.error) || text || response.statusText);
    return json;
  }

  // ───────────────────────────── live socket ─────────────────────────────
  // A WebSocket to this server (wss under https) that authenticates with the session's token as its
  // first message: a token in the URL would be written to every proxy's and server's access log, so
  // the server refuses one there. The listener is added before the caller's `onopen`, so the token
  // always goes before anything the page sends; the server closes a socket that sends none within 5 s.
  function liveSocket(path) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}${path}`);
    const sentWith = token;
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token: sentWith })));
    return socket;
  }

  // ───────────────────────────── login and logout ─────────────────────────────
  async function login(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const t = page.t;
    $('login-error').textContent = '';
    let response;
    try {
      response = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: form.get('username'), password: form.get('password') }) });
    } catch (e) { $('login-error').textContent = t('loginFailed'); return; }
    if (!response.ok) { $('login-error').textContent = response.status === 401 ? t('badLogin') : t('loginFailed'); return; }
    adopt(await response.json());
    event.target.reset();
    page.onLogin();
  }

  // A session as the server answers a login (or a password change): token, role, the agency's zone.
  function adopt(body) {
    token = body.token;
    role = body.role;
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(ROLE_KEY, role || '');
    zone = body.timeZone || undefined;
    if (zone) sessionStorage.setItem(ZONE_KEY, zone); else sessionStorage.removeItem(ZONE_KEY);
  }

  // ───────────────────────────── own password ─────────────────────────────
  // Both pages get the same header button and dialog, built here with their own words (one place for both pages).
  // The server answers a change with a new session: every token issued before stops working, this tab's included,
  // so the new one is adopted at once; the live socket the server closes (4401) reconnects with it.
  const WORDS = {
    es: { changePassword: 'Cambiar contraseña', currentPassword: 'Contraseña actual', newPassword: 'Contraseña nueva',
      repeatPassword: 'Repita la contraseña nueva', save: 'Guardar', cancel: 'Cancelar',
      passwordsDiffer: 'Las dos contraseñas nuevas no coinciden', passwordTooShort: 'La contraseña nueva necesita al menos 10 caracteres',
      wrongCurrentPassword: 'La contraseña actual no es correcta', passwordChanged: 'Contraseña cambiada. Las demás sesiones se cerraron.',
      passwordFailed: 'No se pudo cambiar la contraseña' },
    en: { changePassword: 'Change password', currentPassword: 'Current password', newPassword: 'New password',
      repeatPassword: 'Repeat the new password', save: 'Save', cancel: 'Cancel',
      passwordsDiffer: 'The two new passwords differ', passwordTooShort: 'The new password needs at least 10 characters',
      wrongCurrentPassword: 'The current password is wrong', passwordChanged: 'Password changed. Other sessions were closed.',
      passwordFailed: 'The password could not be changed' }
  };
  const MIN_PASSWORD = 10;
  const word = (key) => WORDS[lang][key] ?? page.t(key);

  function buildPasswordDialog() {
    const button = document.createElement('button');
    button.id = 'password';
    button.type = 'button';
    button.dataset.i18n = 'changePassword';
    button.hidden = $('logout').hidden;
    $('logout').before(button);
    // Shown exactly when the logout button is: the pages decide that, each in its own way.
    new MutationObserver(() => { button.hidden = $('logout').hidden; })
      .observe($('logout'), { attributes: true, attributeFilter: ['hidden'] });
    const dialog = document.createElement('dialog');
    dialog.id = 'password-dialog';
    dialog.innerHTML = `<form method="dialog" id="password-form">
        <h2 data-i18n="changePassword"></h2>
        <label><span data-i18n="currentPassword"></span> <input name="current" type="password" autocomplete="current-password" required></label>
        <label><span data-i18n="newPassword"></span> <input name="password" type="password" autocomplete="new-password" required></label>
        <label><span data-i18n="repeatPassword"></span> <input name="repeat" type="password" autocomplete="new-password" required></label>
        <p id="password-status" role="status"></p>
        <div class="dialog-buttons"><button type="submit" data-i18n="save"></button>
          <button type="button" id="password-cancel" data-i18n="cancel"></button></div>
      </form>`;
    document.body.append(dialog);
    button.onclick = () => { $('password-form').reset(); $('password-status').textContent = ''; dialog.showModal(); };
    $('password-cancel').onclick = () => dialog.close();
    $('password-form').onsubmit = changePassword;
  }

  async function changePassword(event) {
    event.preventDefault();
    if (changingPassword) return; // a double click sends one change, not a second one with the spent token
    const form = new FormData(event.target), status = $('password-status');
    const current = form.get('current'), password = form.get('password');
    status.dataset.outcome = 'error';
    if (password !== form.get('repeat')) { status.textContent = word('passwordsDiffer'); return; }
    if (password.length < MIN_PASSWORD) { status.textContent = word('passwordTooShort'); return; }
    changingPassword = true;
    try {
      adopt(await api('/api/auth/password', { method: 'PUT', body: { currentPassword: current, password } }));
    } catch (e) {
      changingPassword = false;
      if (e.status === 401) { $('password-dialog').close(); logout(); return; } // this tab's token was spent already
      status.textContent = e.status === 403 ? word('wrongCurrentPassword') : e.status === 400 ? e.message : word('passwordFailed');
      return;
    }
    changingPassword = false;
    event.target.reset();
    status.dataset.outcome = 'done';
    status.textContent = word('passwordChanged');
  }

  function logout() {
    token = null; role = null;
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ROLE_KEY);
    sessionStorage.removeItem(ZONE_KEY);
    page.onLogout();
  }

  // ───────────────────────────── agency dates ─────────────────────────────
  // "YYYY-MM-DD" of the agency's today plus `days`, in its time zone: the browser's own zone may be
  // another (a laptop set to UTC, a supervisor travelling). Without a zone (a server older than the
  // login's timeZone) the browser's calendar is the best guess.
  function agencyDate(days = 0) {
    let today;
    try {
      today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
        .format(new Date());
    } catch (e) { // an unknown zone name
      today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    }
    // Calendar arithmetic on the date alone, at UTC noon, so no daylight-saving shift moves the day.
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  // ───────────────────────────── language ─────────────────────────────
  // The static labels: data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label), and the
  // switch button, which names the other language.
  function translatePage() {
    const t = word;
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    document.querySelectorAll('[data-i18n-label]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nLabel)); });
    $('lang').textContent = t('switchTo');
  }

  function switchLanguage() {
    lang = lang === 'es' ? 'en' : 'es';
    localStorage.setItem(LANG_KEY, lang);
    page.onLanguage();
  }

  // callbacks: t(key) — the page's translation; onLogin() — after a successful login (and the page
  // calls it itself at boot when a token is already there); onLogout() — after the session is cleared,
  // by the button or by a 401; onLanguage() — after the language switched.
  function setup(callbacks) {
    page = { ...page, ...callbacks };
    if (!$('password')) buildPasswordDialog();
    $('login').onsubmit = login;
    $('logout').onclick = logout;
    $('lang').onclick = switchLanguage;
  }

  return {
    get token() { return token; },
    get role() { return role; },
    get lang() { return lang; },
    get zone() { return zone; },
    $, esc, ApiError, api, liveSocket, logout, translatePage, setup, agencyDate
  };
})();
