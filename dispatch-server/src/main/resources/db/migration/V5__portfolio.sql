-- The portfolio: debtors, their debts and addresses (each with its geofence), group-credit
-- membership, and the client log. Amounts are exact decimals in the debt's currency.
CREATE TABLE debtor (
  id               bigserial PRIMARY KEY,
  external_id      text        NOT NULL UNIQUE,
  name             text        NOT NULL,
  phones           text[]      NOT NULL DEFAULT '{}',
  consent_visits   boolean     NOT NULL DEFAULT true,
  consent_calls    boolean     NOT NULL DEFAULT false,
  consent_messages boolean     NOT NULL DEFAULT false,
  segment          text,
  group_id         text,                  -- joint-liability group credit, if any
  group_role       text,                  -- member, president, treasurer, secretary
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX debtor_group ON debtor (group_id) WHERE group_id IS NOT NULL;

CREATE TABLE debt (
  id          bigserial PRIMARY KEY,
  debtor_id   bigint        NOT NULL REFERENCES debtor (id) ON DELETE CASCADE,
  external_id text          NOT NULL,    -- the loan or contract number
  product     text          NOT NULL,
  currency    char(3)       NOT NULL,
  principal   numeric(14,2) NOT NULL CHECK (principal >= 0),
  balance     numeric(14,2) NOT NULL CHECK (balance >= 0),
  due_date    date          NOT NULL,    -- days past due are derived from it, never stored
  UNIQUE (debtor_id, external_id)
);

-- radius_m for the default circle geofence; polygon (GeoJSON) replaces the circle when set.
CREATE TABLE address (
  id        bigserial PRIMARY KEY,
  debtor_id bigint           NOT NULL REFERENCES debtor (id) ON DELETE CASCADE,
  kind      text             NOT NULL DEFAULT 'home' CHECK (kind IN ('home', 'business', 'other')),
  line      text,
  lat       double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon       double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  radius_m  real             NOT NULL DEFAULT 75 CHECK (radius_m > 0),
  polygon   jsonb,
  active    boolean          NOT NULL DEFAULT true,
  UNIQUE (debtor_id, kind)
);

-- Append-only: every action about a debtor, with who and when. What a regulator reads.
CREATE TABLE client_log (
  id        bigserial PRIMARY KEY,
  debtor_id bigint      NOT NULL REFERENCES debtor (id),
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text        NOT NULL,   -- a user, an agent id, or 'import'
  kind      text        NOT NULL,   -- import, visit, outcome, promise, override, message
  summary   text        NOT NULL,
  details   jsonb
);
CREATE INDEX client_log_debtor ON client_log (debtor_id, id);

CREATE FUNCTION client_log_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'client_log is append-only';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER client_log_append_only BEFORE UPDATE OR DELETE ON client_log
  FOR EACH ROW EXECUTE FUNCTION client_log_is_append_only();
