// While the app is open: every position (Geolocation watchPosition) and the battery level go into IndexedDB first,
// then out over MQTT over WebSocket (Eclipse Paho) to campo/agents/{id}/telemetry, QoS 1, as arrays of at most
// `telemetryBatchMax` fixes in capture order. A fix leaves IndexedDB only once the server's PUBACK for its batch
// arrived — the server acknowledges only after the batch is committed — so a dropped connection or a closed tab
// loses nothing; a batch sent twice is stored once (the server keys fixes by agent and device time).
// It also listens on campo/agents/{id}/plan and /inbox for a new plan and the dispatcher's messages.
window.AgentTracker = (function () {
  'use strict';
  const S = window.AgentStore;
  // A phone reports far more often than a collection visit needs; one fix per this many ms is plenty for the dwell rule.
  const MIN_FIX_INTERVAL_MS = 2000;
  let options, client, connected = false, inFlight = null, lastFixAt = 0, watchId = null, retryTimer = null;
  let battery = null;
  const waiters = [];

  function start(o) {
    options = o;
    if (navigator.getBattery) navigator.getBattery().then((b) => { battery = b; }).catch(() => {});
    if (navigator.geolocation && watchId === null) {
      watchId = navigator.geolocation.watchPosition(onPosition, () => {}, { enableHighAccuracy: true, maximumAge: 0 });
    }
    connect();
  }

  function stop() {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
    clearTimeout(retryTimer);
    if (client && connected) { try { client.disconnect(); } catch (e) { /* already gone */ } }
    connected = false;
    client = null;
  }

  async function onPosition(p) {
    // Date.now(), not p.timestamp: some Android browsers report the GPS chip's own clock, hours off.
    const now = Date.now();
    const c = p.coords;
    window.AgentTracker.last = { at: now, lat: c.latitude, lon: c.longitude, acc: c.accuracy };
    // Off duty the position is neither kept nor sent (issue #17): the server would drop it anyway, and an employee's
    // evening is none of the office's business. The periods come from GET /api/me/shift, so this holds offline too.
    if (!onDutyAt(options.shift && options.shift(), now)) { window.AgentTracker.skippedOffDuty = (window.AgentTracker.skippedOffDuty || 0) + 1; return; }
    if (now - lastFixAt < MIN_FIX_INTERVAL_MS) return;
    lastFixAt = now;
    const fix = { ts: now, lat: c.latitude, lon: c.longitude, acc: Math.round(c.accuracy * 10) / 10 };
    if (c.speed != null && !Number.isNaN(c.speed)) fix.spd = c.speed;
    if (c.heading != null && !Number.isNaN(c.heading)) fix.hdg = c.heading;
    if (battery) { fix.bat = Math.round(battery.level * 100); fix.chg = battery.charging; }
    await S.add('fixes', fix);
    if (options.onChange) options.onChange();
    pump();
  }

  // Whether fixes are recorded at epoch ms `t` by the duty the server last told (GET /api/me/shift): its on-duty
  // periods for the next hours. Without one, or past its horizon, the app records and the server decides.
  function onDutyAt(shift, t) {
    if (!shift || shift.tracking === 'always' || !Array.isArray(shift.periods)) return true;
    if (shift.periodsUntil && t >= Date.parse(shift.periodsUntil)) return true;
    return shift.periods.some((p) => t >= Date.parse(p.from) && t < Date.parse(p.to));
  }

  function connect() {
    const s = options.settings;
    if (!s || s.mqttWebSocketPort < 0 || !window.Paho || client) return;
    let clientId = localStorage.getItem('campo.agent.clientId');
    if (!clientId) {
      clientId = `app-${options.agentId}-${Math.random().toString(36).slice(2, 10)}`;
      localStorage.setItem('campo.agent.clientId', clientId);
    }
    client = new Paho.Client(location.hostname, s.mqttWebSocketPort, s.mqttWebSocketPath || '/mqtt', clientId);
    client.onConnectionLost = () => { connected = false; inFlight = null; client = null; retry(); notify(); };
    client.onMessageDelivered = onDelivered;
    client.onMessageArrived = (m) => {
      let body = null;
      try { body = JSON.parse(m.payloadString); } catch (e) { return; }
      if (m.destinationName.endsWith('/plan') && options.onPlan) options.onPlan(body);
      if (m.destinationName.endsWith('/inbox') && options.onInbox) options.onInbox(body);
    };
    client.connect({
      userName: options.agentId, password: options.deviceToken, useSSL: location.protocol === 'https:',
      mqttVersion: 4, cleanSession: false, keepAliveInterval: 30, timeout: 10,
      onSuccess: () => {
        connected = true;
        const base = `campo/agents/${options.agentId}`;
        client.subscribe(`${base}/plan`, { qos: 1 });
        client.subscribe(`${base}/inbox`, { qos: 1 });
        notify();
        pump();
        if (options.onConnected) options.onConnected();
      },
      onFailure: () => { connected = false; client = null; retry(); notify(); },
    });
  }

  function retry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, 5000);
  }

  function notify() {
    if (options && options.onChange) options.onChange();
  }

  // One batch in flight at a time: the next leaves after the last one's PUBACK, so fixes arrive in capture order.
  async function pump() {
    if (!connected || inFlight) { settleWaiters(); return; }
    const batch = await S.oldest('fixes', (options.settings && options.settings.telemetryBatchMax) || 1000);
    if (batch.length === 0 || !connected || inFlight) { settleWaiters(); return; }
    const message = new Paho.Message(JSON.stringify(batch.map((b) => b.value)));
    message.destinationName = `campo/agents/${options.agentId}/telemetry`;
    message.qos = 1;
    message.campoKeys = batch.map((b) => b.key);
    inFlight = message;
    try {
      client.send(message);
    } catch (e) {
      inFlight = null;
    }
  }

  async function onDelivered(message) {
    if (message.campoKeys) await S.remove('fixes', message.campoKeys);
    if (inFlight === message) inFlight = null;
    notify();
    pump();
  }

  async function settleWaiters() {
    if (!waiters.length) return;
    const first = await S.oldest('fixes', 1);
    const oldestKey = first.length ? first[0].key : Infinity;
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (oldestKey > waiters[i].upTo) { waiters[i].resolve(); waiters.splice(i, 1); }
    }
  }

  // Resolves once every fix captured until now has been acknowledged; rejects at once when the MQTT link is down
  // and fixes are waiting (the visits that rely on them must wait too). A server without MQTT over WebSocket
  // cannot take the app's fixes at all: nothing to wait for.
  async function flushed(timeoutMs = 30000) {
    const s = options && options.settings;
    if (!s || s.mqttWebSocketPort < 0) return;
    const upTo = await S.newestKey('fixes');
    if (upTo === null) return;
    if (!connected) throw new Error('telemetry link down');
    await new Promise((resolve, reject) => {
      const w = { upTo, resolve };
      waiters.push(w);
      setTimeout(() => { const i = waiters.indexOf(w); if (i >= 0) { waiters.splice(i, 1); reject(new Error('telemetry not acknowledged')); } }, timeoutMs);
      pump();
    });
  }

  return { start, stop, flushed, onDutyAt, isConnected: () => connected, reconnect: () => { if (!client) connect(); } };
})();
