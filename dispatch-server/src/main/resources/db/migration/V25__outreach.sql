-- Debtor outreach (issue #15 items 3-6): templates, campaigns, the durable send queue, provider events,
-- opt-outs. Every outbound message is one outbound_message row; the queue is the table itself.

-- E-mail is a channel: the debtor's address, from the import (column email / correo).
ALTER TABLE debtor ADD COLUMN email text;
-- Replies and opt-outs find their debtor by the sender's number (E.164 since this version's import).
CREATE INDEX debtor_phones ON debtor USING gin (phones);

CREATE TABLE message_template (
  id         bigserial PRIMARY KEY,
  name       text        NOT NULL,     -- for WhatsApp: the template's name as approved at Meta
  channel    text        NOT NULL CHECK (channel IN ('whatsapp', 'sms', 'email')),
  language   text        NOT NULL,     -- es_MX
  body       text        NOT NULL,
  created_by text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, name, language)
);

CREATE TABLE campaign (
  id          bigserial PRIMARY KEY,
  name        text        NOT NULL,
  channel     text        NOT NULL CHECK (channel IN ('whatsapp', 'sms', 'email')),
  template_id bigint      NOT NULL REFERENCES message_template (id),
  send_at     timestamptz NOT NULL,
  selection   jsonb       NOT NULL,     -- what was asked for: debtor ids, a segment or a filter
  strategy    text,                     -- the standing strategy step that made it, if any
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- state: queued (waits for due_at) -> sending (claimed, lease_until) -> sent -> delivered -> read; or failed, skipped.
-- A row found in 'sending' after its lease (the node died mid-call) is failed, never sent again: the provider may
-- have accepted it, and a debtor must not get the same message twice.
CREATE TABLE outbound_message (
  id                  bigserial PRIMARY KEY,
  campaign_id         bigint      REFERENCES campaign (id),
  debtor_id           bigint      NOT NULL REFERENCES debtor (id),
  channel             text        NOT NULL CHECK (channel IN ('whatsapp', 'sms', 'email')),
  template_id         bigint      REFERENCES message_template (id),
  free_text           text,                 -- a WhatsApp reply inside the 24-hour window
  due_at              timestamptz NOT NULL,
  state               text        NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped')),
  lease_until         timestamptz,
  recipient           text,                 -- the number or address it went to
  provider_message_id text,
  skip_reason         text,
  failure             text,
  sent_at             timestamptz,
  delivered_at        timestamptz,
  read_at             timestamptz,
  replied_at          timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, debtor_id)
);
CREATE INDEX outbound_message_due ON outbound_message (due_at) WHERE state = 'queued';
CREATE INDEX outbound_message_sending ON outbound_message (lease_until) WHERE state = 'sending';
CREATE UNIQUE INDEX outbound_message_provider_id ON outbound_message (channel, provider_message_id)
  WHERE provider_message_id IS NOT NULL;
CREATE INDEX outbound_message_debtor ON outbound_message (debtor_id, channel, sent_at);
CREATE INDEX outbound_message_campaign ON outbound_message (campaign_id, state);

-- A provider's webhook may deliver the same event many times: each (channel, message, status) counts once.
CREATE TABLE provider_event (
  channel             text        NOT NULL,
  provider_message_id text        NOT NULL,
  status              text        NOT NULL,
  received_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, provider_message_id, status)
);

-- What debtors wrote; unique by the provider's id so that a retried webhook records a reply once.
CREATE TABLE inbound_message (
  id                  bigserial PRIMARY KEY,
  channel             text        NOT NULL,
  provider_message_id text        NOT NULL,
  debtor_id           bigint      REFERENCES debtor (id),   -- null: a number no debtor has
  from_number         text        NOT NULL,
  body                text,
  sent_at             timestamptz NOT NULL,                 -- the provider's timestamp
  received_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, provider_message_id)
);
CREATE INDEX inbound_message_debtor ON inbound_message (debtor_id, channel, sent_at);

-- Opt-outs are per channel and permanent until the debtor is asked again by a person (not by Campo).
CREATE TABLE contact_opt_out (
  debtor_id  bigint      NOT NULL REFERENCES debtor (id),
  channel    text        NOT NULL,
  at         timestamptz NOT NULL,
  reason     text        NOT NULL,
  PRIMARY KEY (debtor_id, channel)
);

-- Standing strategies: each day, the debtors a rule selects get the step's message (StrategyRunner).
--   days_from_due: a debt with a balance whose due date is offset_days before today (-3: due in 3 days; 1: due yesterday)
--   promise_due_tomorrow: an open promise to pay dated tomorrow
CREATE TABLE outreach_strategy (
  id          bigserial PRIMARY KEY,
  name        text        NOT NULL UNIQUE,
  segment     text,                 -- null: every segment
  rule        text        NOT NULL CHECK (rule IN ('days_from_due', 'promise_due_tomorrow')),
  offset_days integer     NOT NULL DEFAULT 0,
  channel     text        NOT NULL CHECK (channel IN ('whatsapp', 'sms', 'email')),
  template_id bigint      NOT NULL REFERENCES message_template (id),
  active      boolean     NOT NULL DEFAULT true,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One run per strategy and local day, claimed before the campaign is made: a second node, or the job again the same
-- day, finds the day taken.
CREATE TABLE strategy_run (
  strategy_id bigint NOT NULL REFERENCES outreach_strategy (id),
  run_date    date   NOT NULL,
  campaign_id bigint REFERENCES campaign (id),
  debtors     integer,
  PRIMARY KEY (strategy_id, run_date)
);
