-- Messages for devices (plans, dispatcher messages). Kept here rather than in a node's memory:
-- any node may hold the device's connection, and a device that is offline gets them when it
-- next connects. Retained messages (one per agent and topic, like MQTT's retain) are sent to
-- every new subscriber; queued ones until the device acknowledges them.
CREATE TABLE device_downlink (
  id           bigserial PRIMARY KEY,
  agent_id     text        NOT NULL,
  topic_leaf   text        NOT NULL,
  payload      bytea       NOT NULL,
  retained     boolean     NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE UNIQUE INDEX device_downlink_retained ON device_downlink (agent_id, topic_leaf) WHERE retained;
CREATE INDEX device_downlink_pending ON device_downlink (agent_id, topic_leaf, id) WHERE NOT retained AND delivered_at IS NULL;

-- MQTT persistent sessions: a device that reconnects asking to resume its session does not
-- subscribe again, so its subscriptions must outlive the node that received them.
CREATE TABLE mqtt_session (
  client_id       text PRIMARY KEY,
  agent_id        text   NOT NULL,
  filters         text[] NOT NULL DEFAULT '{}',
  expiry_seconds  integer,          -- null: never expires (MQTT 3.1.1 persistent session)
  disconnected_at timestamptz       -- null while connected
);
