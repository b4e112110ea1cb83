// Campo dispatcher map: log in, then show every agent's latest position, battery and age.
// Spanish by default; the English switch is remembered per browser.
(function () {
  'use strict';

  const TEXT = {
    es: { loading: 'Cargando…', logout: 'Salir', loginTitle: 'Iniciar sesión', user: 'Usuario', password: 'Contraseña',
          signIn: 'Entrar', search: 'Buscar agente', badLogin: 'Usuario o contraseña incorrectos',
          summary: (on, all) => `${on} de ${all} agentes en línea`, battery: 'Batería', charging: 'cargando',
          lastSeen: 'Visto hace', never: 'sin posición', switchTo: 'English' },
    en: { loading: 'Loading…', logout: 'Log out', loginTitle: 'Sign in', user: 'User', password: 'Password',
          signIn: 'Sign in', search: 'Search agent', badLogin: 'Wrong user or password',
          summary: (on, all) => `${on} of ${all} agents online`, battery: 'Battery', charging: 'charging',
          lastSeen: 'Seen', never: 'no position', switchTo: 'Español' }
  };
  const STALE_MS = 2 * 60 * 1000;
  const LOW_BATTERY = 20;
  let lang = localStorage.getItem('campo.lang') || 'es';
  let token = sessionStorage.getItem('campo.token');
  let map, markers = new Map(), agents = [], timer;

  const $ = (id) => document.getElementById(id);
  const t = (key) => TEXT[lang][key];

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    $('lang').textContent = t('switchTo');
    render();
  }

  function age(iso) {
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.round(s / 60)} min`;
    return `${Math.round(s / 3600)} h`;
  }

  async function api(path, options) {
    const response = await fetch(path, { ...options, headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json' } });
    if (response.status === 401) { logout(); throw new Error('unauthorised'); }
    return response.json();
  }

  function showLogin() {
    $('login').hidden = false; $('app').hidden = true; $('logout').hidden = true; $('summary').textContent = '';
  }

  async function login(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const response = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: form.get('username'), password: form.get('password') }) });
    if (!response.ok) { $('login-error').textContent = t('badLogin'); return; }
    token = (await response.json()).token;
    sessionStorage.setItem('campo.token', token);
    start();
  }

  function logout() {
    token = null; sessionStorage.removeItem('campo.token'); clearInterval(timer); showLogin();
  }

  function start() {
    $('login').hidden = true; $('app').hidden = false; $('logout').hidden = false;
    if (!map) {
      map = L.map('map', { preferCanvas: true }).setView([19.4326, -99.1332], 12);
      L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        { maxZoom: 19, attribution: '&copy; OpenStreetMap contributors' }).addTo(map);
    }
    refresh();
    timer = setInterval(refresh, 2000);
  }

  async function refresh() {
    agents = await api('/api/agents');
    render();
  }

  function render() {
    if (!map) return;
    const query = ($('search').value || '').toLowerCase();
    const list = $('agents');
    list.replaceChildren();
    let online = 0;
    for (const a of agents) {
      const stale = !a.lastSeen || Date.now() - Date.parse(a.lastSeen) > STALE_MS;
      const low = a.battery != null && a.battery < LOW_BATTERY;
      if (a.online) online++;
      const label = `${a.name} · ${a.battery ?? '–'}%${a.charging ? ' ⚡' : ''} · ${a.lastSeen ? age(a.lastSeen) : t('never')}`;
      if (!query || a.name.toLowerCase().includes(query) || a.id.toLowerCase().includes(query)) {
        const li = document.createElement('li');
        li.dataset.agent = a.id;
        li.className = (stale ? 'stale ' : '') + (low ? 'low-battery' : '');
        li.innerHTML = `<span class="name"></span> <span class="battery"></span>`;
        li.querySelector('.name').textContent = a.name;
        li.querySelector('.battery').textContent = `${a.battery ?? '–'}%${a.charging ? ' ⚡' : ''} · ${a.lastSeen ? age(a.lastSeen) : t('never')}`;
        li.onclick = () => a.lat != null && map.setView([a.lat, a.lon], 16);
        list.appendChild(li);
      }
      if (a.lat == null) continue;
      const color = stale ? '#888' : low ? '#d32f2f' : '#2e7d32';
      let m = markers.get(a.id);
      if (!m) { m = L.circleMarker([a.lat, a.lon], { radius: 7 }).addTo(map); markers.set(a.id, m); }
      m.setLatLng([a.lat, a.lon]).setStyle({ color, fillColor: color, fillOpacity: 0.8 });
      m.bindTooltip(`${label}`);
    }
    $('summary').textContent = t('summary')(online, agents.length);
  }

  $('lang').onclick = () => { lang = lang === 'es' ? 'en' : 'es'; localStorage.setItem('campo.lang', lang); applyLanguage(); };
  $('logout').onclick = logout;
  $('login').onsubmit = login;
  $('search').oninput = render;
  applyLanguage();
  if (token) start(); else showLogin();
})();
