-- Enrolment: a device token is kept SEALED (AES-256-GCM, key in server_secret like the JWT key) for
-- a while after it is issued, so that the office can show it once more as a QR code for the agent
-- app to scan. The agent table keeps only the token's hash; this row loses its sealed token at the
-- first device login with it or at expires_at, whichever comes first.
CREATE TABLE agent_enrolment (
  agent_id     text        PRIMARY KEY REFERENCES agent (id) ON DELETE CASCADE,
  sealed_token bytea,                      -- nonce || ciphertext || tag; null once gone
  issued_at    timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  signed_in_at timestamptz,                -- the first device login with the token: it has reached a phone
  CHECK (sealed_token IS NULL OR signed_in_at IS NULL)
);

-- Address-pin corrections: an agent at the door proposes where the address really is; a
-- dispatcher approves (the address's lat/lon move in the same transaction) or rejects with a
-- reason. Decided rows are kept: they and the client log are the audit trail of every move.
CREATE TABLE address_correction (
  id              bigserial        PRIMARY KEY,
  debtor_id       bigint           NOT NULL REFERENCES debtor (id),
  address_id      bigint           NOT NULL REFERENCES address (id),
  agent_id        text             NOT NULL,
  idempotency_key text,                            -- null when the phone sent none
  request_hash    text             NOT NULL,      -- a retry must carry the same request
  lat             double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon             double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  accuracy_m      real             NOT NULL CHECK (accuracy_m > 0),
  note            text,
  pin_lat         double precision NOT NULL,      -- the address's pin when proposed
  pin_lon         double precision NOT NULL,
  status          text             NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  proposed_at     timestamptz      NOT NULL DEFAULT now(),
  decided_by      text,
  decided_at      timestamptz,
  reason          text,
  UNIQUE (agent_id, idempotency_key),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX address_correction_status ON address_correction (status, id);
CREATE INDEX address_correction_debtor ON address_correction (debtor_id);
