-- Messages from the office to an agent's phone. The text goes to the device through
-- device_downlink (stored first, delivered on reconnect); downlink_id links the two so that the
-- device's acknowledgement, recorded there by whichever node holds its connection, marks the
-- message delivered here too (trigger below), without the MQTT layer knowing about messages.
CREATE TABLE agent_message (
  id           bigserial PRIMARY KEY,
  agent_id     text        NOT NULL REFERENCES agent (id),
  text         text        NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  sent_by      text        NOT NULL,
  sent_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  downlink_id  bigint      REFERENCES device_downlink (id)
);
CREATE INDEX agent_message_agent_sent ON agent_message (agent_id, sent_at);
CREATE INDEX agent_message_downlink ON agent_message (downlink_id) WHERE downlink_id IS NOT NULL;

CREATE FUNCTION agent_message_delivered() RETURNS trigger AS $$
BEGIN
  UPDATE agent_message SET delivered_at = NEW.delivered_at WHERE downlink_id = NEW.id AND delivered_at IS NULL;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER agent_message_delivered AFTER UPDATE OF delivered_at ON device_downlink
  FOR EACH ROW WHEN (NEW.delivered_at IS NOT NULL AND OLD.delivered_at IS NULL) EXECUTE FUNCTION agent_message_delivered();

-- When the device's current (or last) connection began, for the agent's timeline.
ALTER TABLE mqtt_session ADD COLUMN connected_at timestamptz;
