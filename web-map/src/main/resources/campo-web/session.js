// Campo session, shared by the dispatcher map (app.js) and the manager page (manager.js), loaded before
// either. Both pages are one session — the same token and role (sessionStorage `campo.token`,
// `campo.role`, gone when the tab closes) and the same language (localStorage `campo.lang`) — so the
// code that keeps them lives here once: a page coming from the other needs no second login, and a
// fix to login, logout or the api client reaches both. What each page does after login, after
// logout and on a language switch stays in the page (the callbacks given to `setup`), as do its
// dictionaries: the login form and the header buttons have the same ids on both pages
// (`login`, `login-error`, `logout`, `lang`), which is what this script relies on.
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
    const headers = { 'Authorization': `Bearer ${token}` };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method: options.method || 'GET', headers, signal: options.signal,
        body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, page.t('networkError') || e.message);
    }
    if (response.status === 401) { logout(); throw new ApiError(401, 'unauthorised'); }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) throw new ApiError(response.status, (json && json.error) || text || response.statusText);
    return json;
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
    const body = await response.json();
    token = body.token;
    role = body.role;
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(ROLE_KEY, role || '');
    zone = body.timeZone || undefined;
    if (zone) sessionStorage.setItem(ZONE_KEY, zone); else sessionStorage.removeItem(ZONE_KEY);
    event.target.reset();
    page.onLogin();
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
    const t = page.t;
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
    $('login').onsubmit = login;
    $('logout').onclick = logout;
    $('lang').onclick = switchLanguage;
  }

  return {
    get token() { return token; },
    get role() { return role; },
    get lang() { return lang; },
    $, esc, ApiError, api, logout, translatePage, setup, agencyDate
  };
})();
