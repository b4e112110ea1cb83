-- Arrivals at and departures from debtors' geofences, computed at ingest from each fix that moved its agent forward.
CREATE TABLE geofence_event (
  id          bigserial        PRIMARY KEY,
  agent_id    text             NOT NULL,
  address_id  bigint           NOT NULL,
  debtor_id   bigint,
  kind        text             NOT NULL CHECK (kind IN ('arrival', 'departure')),
  at          timestamptz      NOT NULL,             -- device time of the fix that crossed
  lat         double precision NOT NULL,
  lon         double precision NOT NULL,
  recorded_at timestamptz      NOT NULL DEFAULT now(),
  -- A fix sent again (its PUBACK was lost) must not record its crossing twice.
  UNIQUE (agent_id, address_id, kind, at)
);
CREATE INDEX geofence_event_agent_at ON geofence_event (agent_id, at);

-- Alerts about a running day: raised once when the condition starts, cleared when it ends.
CREATE TABLE day_alert (
  id         bigserial   PRIMARY KEY,
  agent_id   text        NOT NULL,
  kind       text        NOT NULL CHECK (kind IN ('late', 'off_route', 'idle', 'low_battery')),
  subject    text        NOT NULL DEFAULT '',      -- the stop (visit id) a 'late' alert is about; '' for the others
  raised_at  timestamptz NOT NULL,
  cleared_at timestamptz,
  detail     jsonb       NOT NULL,
  emailed_at timestamptz
);
-- At most one open alert per agent, kind and stop, whichever node raises it: no alert storms.
CREATE UNIQUE INDEX day_alert_one_open ON day_alert (agent_id, kind, subject) WHERE cleared_at IS NULL;
CREATE INDEX day_alert_raised ON day_alert (raised_at);
