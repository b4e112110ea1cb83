// The app's durable state in IndexedDB, so that nothing captured offline is lost to a reload, a closed tab or a
// dead battery: `kv` holds the cached day, questionnaires, messages and sync times; `fixes` the positions not yet
// acknowledged by the server (PUBACK); `outbox` the visits, photos and messages not yet accepted, in capture order
// (auto-increment keys: the order they go out in).
window.AgentStore = (function () {
  'use strict';
  const DB = 'campo-agent', VERSION = 1;
  let opened;

  function db() {
    if (!opened) {
      opened = new Promise((resolve, reject) => {
        const r = indexedDB.open(DB, VERSION);
        r.onupgradeneeded = () => {
          const d = r.result;
          d.createObjectStore('kv');
          d.createObjectStore('fixes', { autoIncrement: true });
          d.createObjectStore('outbox', { autoIncrement: true });
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    }
    return opened;
  }

  function done(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function tx(store, mode, fn) {
    const d = await db();
    const t = d.transaction(store, mode);
    const result = fn(t.objectStore(store));
    await new Promise((resolve, reject) => { t.oncomplete = resolve; t.onerror = () => reject(t.error); t.onabort = () => reject(t.error); });
    return result instanceof IDBRequest ? result.result : result;
  }

  const get = async (key) => tx('kv', 'readonly', (s) => s.get(key));
  const put = (key, value) => tx('kv', 'readwrite', (s) => s.put(value, key));
  const add = (store, value) => tx(store, 'readwrite', (s) => s.add(value));
  const remove = (store, keys) => tx(store, 'readwrite', (s) => { keys.forEach((k) => s.delete(k)); });
  const count = (store) => tx(store, 'readonly', (s) => s.count());
  const update = (store, key, value) => tx(store, 'readwrite', (s) => s.put(value, key));

  // The oldest `limit` records with their keys, [{key, value}].
  async function oldest(store, limit) {
    const d = await db();
    return new Promise((resolve, reject) => {
      const out = [];
      const r = d.transaction(store, 'readonly').objectStore(store).openCursor();
      r.onsuccess = () => {
        const c = r.result;
        if (c && out.length < limit) { out.push({ key: c.key, value: c.value }); c.continue(); } else resolve(out);
      };
      r.onerror = () => reject(r.error);
    });
  }

  // The key of the newest record, or null when the store is empty.
  async function newestKey(store) {
    const d = await db();
    return new Promise((resolve, reject) => {
      const r = d.transaction(store, 'readonly').objectStore(store).openCursor(null, 'prev');
      r.onsuccess = () => resolve(r.result ? r.result.key : null);
      r.onerror = () => reject(r.error);
    });
  }

  async function clear() {
    const d = await db();
    await Promise.all(['kv', 'fixes', 'outbox'].map((s) => done(d.transaction(s, 'readwrite').objectStore(s).clear())));
  }

  return { get, put, add, remove, count, update, oldest, newestKey, clear };
})();
