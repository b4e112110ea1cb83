-- Who hears about an agent's visits.
ALTER TABLE agent ADD COLUMN supervisor_email text;

-- E-mails waiting to be sent. Written in the same transaction as what they announce, so a
-- notification is never lost to a crash or an SMTP outage; the sender retries with a growing
-- delay until the server accepts it.
CREATE TABLE notification (
  id              bigserial PRIMARY KEY,
  recipient       text        NOT NULL,
  subject         text        NOT NULL,
  body            text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  attempts        integer     NOT NULL DEFAULT 0,
  last_error      text,
  sent_at         timestamptz
);
CREATE INDEX notification_pending ON notification (next_attempt_at) WHERE sent_at IS NULL;
