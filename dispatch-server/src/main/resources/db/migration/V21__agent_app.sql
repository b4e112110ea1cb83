-- The agent app (issue #14): agents answer their messages, and attach photos to their visits.

-- An agent's reply lives beside the office's messages, so the dispatcher's timeline and the day's list read one table.
-- A reply is not sent to any device; its Idempotency-Key makes a phone's retry after a lost answer harmless.
ALTER TABLE agent_message ADD COLUMN from_agent boolean NOT NULL DEFAULT false;
ALTER TABLE agent_message ADD COLUMN reply_to bigint REFERENCES agent_message (id);
ALTER TABLE agent_message ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 128);
CREATE UNIQUE INDEX agent_message_reply_key ON agent_message (agent_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Photo evidence of a visit, in the database like the rest of the record (one backup, one retention, one access check).
-- Capped by CAMPO_PHOTO_MAX_BYTES before it gets here; sha256 tells a replayed upload from a different one under the same key.
CREATE TABLE visit_photo (
  id              bigserial PRIMARY KEY,
  visit_id        bigint      NOT NULL REFERENCES visit (id),
  agent_id        text        NOT NULL REFERENCES agent (id),
  idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 128),
  kind            text        NOT NULL CHECK (kind IN ('door', 'receipt')),
  content_type    text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes           integer     NOT NULL CHECK (bytes > 0),
  sha256          text        NOT NULL,
  content         bytea       NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agent_id, idempotency_key)
);
CREATE INDEX visit_photo_visit ON visit_photo (visit_id);
