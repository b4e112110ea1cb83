-- Visits reported by agents' phones. Never dropped: a visit that fails validation is kept as
-- REJECTED with every reason and measured distance; a dispatcher may override it (audited).
CREATE TABLE visit (
  id                 bigserial PRIMARY KEY,
  agent_id           text             NOT NULL,
  idempotency_key    text             NOT NULL,
  request_hash       text             NOT NULL,   -- a retry must carry the same request
  debtor_id          bigint           NOT NULL REFERENCES debtor (id),
  address_id         bigint           REFERENCES address (id),
  plan_id            bigint,
  check_in_at        timestamptz      NOT NULL,
  check_in_lat       double precision NOT NULL,
  check_in_lon       double precision NOT NULL,
  check_in_accuracy  real             NOT NULL,
  check_out_at       timestamptz,
  outcome            text             NOT NULL CHECK (outcome IN ('PAID', 'PROMISE', 'NO_CONTACT', 'REFUSED', 'WRONG_ADDRESS', 'INCIDENT')),
  outcome_details    jsonb            NOT NULL,
  answers            jsonb,
  status             text             NOT NULL CHECK (status IN ('VALID', 'REJECTED', 'OVERRIDDEN')),
  validation         jsonb            NOT NULL,
  received_at        timestamptz      NOT NULL DEFAULT now(),
  UNIQUE (agent_id, idempotency_key)
);
CREATE INDEX visit_debtor ON visit (debtor_id, check_in_at);
CREATE INDEX visit_check_in ON visit (check_in_at);

CREATE TABLE visit_override (
  id         bigserial PRIMARY KEY,
  visit_id   bigint      NOT NULL REFERENCES visit (id),
  by_user    text        NOT NULL,
  reason     text        NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
