-- Contact-hour rollup: attempts and contacts per local hour, agent and debtor segment, kept
-- current by triggers so that GET /api/reports/contact-hours reads at most
-- days x 24 x agents x segments rows instead of scanning every visit.
--
-- Bucketing: each visit is counted in the LOCAL hour of its check-in, in the agency's zone
-- (CAMPO_TIME_ZONE), computed here by PostgreSQL's own tz database. Buckets of UTC hours
-- converted afterwards would be exact only for zones with whole-hour offsets (not for
-- Asia/Kolkata, America/St_Johns, or a zone whose offset once changed by 30 minutes), and
-- would make local-date ranges ragged; local buckets are exact for every zone and every DST
-- rule: in the hour that repeats when DST ends both real hours land in the one local hour
-- (23:00 in America/Santiago on 2026-04-04), and the skipped hour simply has no visits.
-- The zone used is stored in contact_rollup_zone; the server calls contact_rollup_use_zone at
-- boot and a different zone rebuilds the whole rollup from the visit table.
--
-- What counts: a visit is an attempt unless it is REJECTED (it failed validation, so nobody
-- proved the agent was at the door); overriding it (status OVERRIDDEN) brings it in. A contact
-- is an attempt whose outcome is not NO_CONTACT or WRONG_ADDRESS.
--
-- Keys: agent_id as written on the visit; segment as the debtor has it NOW (a re-import that
-- changes a debtor's segment moves that debtor's counts, see debtor_contact_rollup below).
-- Teams are deliberately not a key: reports filter and scope by the agent's CURRENT team
-- (agent.team_id), the same membership that TeamScope uses to decide what a dispatcher sees,
-- so moving an agent to another team moves its history with it and never needs a rewrite here.
--
-- With TimescaleDB this table would be a continuous aggregate over a hypertable of visits
-- (time_bucket('1 hour', check_in_at, timezone => zone)); the embedded PostgreSQL has no
-- TimescaleDB, and corrections to old visits would need a refresh policy anyway.
CREATE TABLE contact_rollup_zone (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  zone     text    NOT NULL
);
INSERT INTO contact_rollup_zone (zone) VALUES ('UTC');

CREATE TABLE visit_contact_hourly (
  local_day date     NOT NULL,
  weekday   smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),   -- ISO, of local_day
  hour      smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  agent_id  text     NOT NULL,
  segment   text,
  attempts  integer  NOT NULL CHECK (attempts >= 0),
  contacts  integer  NOT NULL CHECK (contacts BETWEEN 0 AND attempts),
  CONSTRAINT visit_contact_hourly_key UNIQUE NULLS NOT DISTINCT (local_day, hour, agent_id, segment)
);
CREATE INDEX visit_contact_hourly_agent ON visit_contact_hourly (agent_id, local_day);

-- Adds (sign 1) or removes (sign -1) one visit's contribution. Emptied rows stay, with zeros:
-- deleting them would race with a concurrent insert into the same bucket.
CREATE FUNCTION contact_rollup_add(p_at timestamptz, p_agent text, p_debtor bigint, p_status text,
    p_outcome text, p_sign integer) RETURNS void AS $$
DECLARE
  v_zone    text;
  v_local   timestamp;
  v_segment text;
  v_contact integer;
BEGIN
  IF p_status = 'REJECTED' THEN
    RETURN;
  END IF;
  SELECT zone INTO v_zone FROM contact_rollup_zone;
  -- FOR SHARE waits for a concurrent segment change of this debtor to commit (and then reads the
  -- new segment), and makes such a change wait for this visit: either way the debtor trigger and
  -- this one see each other's work, so no count is left under a stale segment.
  SELECT segment INTO v_segment FROM debtor WHERE id = p_debtor FOR SHARE;
  v_local := p_at AT TIME ZONE v_zone;
  v_contact := CASE WHEN p_outcome IN ('NO_CONTACT', 'WRONG_ADDRESS') THEN 0 ELSE 1 END;
  IF p_sign < 0 THEN
    -- An UPDATE, not INSERT .. ON CONFLICT: PostgreSQL checks the proposed row's CHECK
    -- constraints before it finds the conflict, and a row of -1 attempts would fail them.
    UPDATE visit_contact_hourly
      SET attempts = attempts - 1, contacts = contacts - v_contact
      WHERE local_day = v_local::date AND hour = extract(hour FROM v_local) AND agent_id = p_agent
        AND segment IS NOT DISTINCT FROM v_segment;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'contact rollup has no bucket for a visit being removed (% % %): it is out of step with visit',
        v_local, p_agent, v_segment;
    END IF;
  ELSE
    INSERT INTO visit_contact_hourly AS h (local_day, weekday, hour, agent_id, segment, attempts, contacts)
    VALUES (v_local::date, extract(isodow FROM v_local), extract(hour FROM v_local), p_agent, v_segment, 1, v_contact)
    ON CONFLICT ON CONSTRAINT visit_contact_hourly_key DO UPDATE
      SET attempts = h.attempts + 1, contacts = h.contacts + excluded.contacts;
  END IF;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION visit_contact_rollup() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM contact_rollup_add(OLD.check_in_at, OLD.agent_id, OLD.debtor_id, OLD.status, OLD.outcome, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM contact_rollup_add(NEW.check_in_at, NEW.agent_id, NEW.debtor_id, NEW.status, NEW.outcome, 1);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER visit_contact_rollup AFTER INSERT OR DELETE OR UPDATE OF check_in_at, agent_id, debtor_id, status, outcome
  ON visit FOR EACH ROW EXECUTE FUNCTION visit_contact_rollup();

-- A debtor whose segment changes takes its visits' counts to the new segment.
CREATE FUNCTION debtor_contact_rollup() RETURNS trigger AS $$
DECLARE
  v_zone text;
BEGIN
  SELECT zone INTO v_zone FROM contact_rollup_zone;
  -- The counts of this debtor's visits, per bucket, taken out of the old segment's rows...
  UPDATE visit_contact_hourly h SET attempts = h.attempts - c.attempts, contacts = h.contacts - c.contacts
  FROM (SELECT l::date AS local_day, extract(hour FROM l) AS hour, v.agent_id, count(*) AS attempts,
               count(*) FILTER (WHERE v.outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS')) AS contacts
        FROM visit v CROSS JOIN LATERAL (SELECT v.check_in_at AT TIME ZONE v_zone) AS t(l)
        WHERE v.debtor_id = NEW.id AND v.status <> 'REJECTED'
        GROUP BY 1, 2, 3) AS c
  WHERE h.local_day = c.local_day AND h.hour = c.hour AND h.agent_id = c.agent_id
    AND h.segment IS NOT DISTINCT FROM OLD.segment;
  -- ... and added to the new segment's.
  INSERT INTO visit_contact_hourly AS h (local_day, weekday, hour, agent_id, segment, attempts, contacts)
  SELECT l::date, extract(isodow FROM l), extract(hour FROM l), v.agent_id, NEW.segment,
         count(*), count(*) FILTER (WHERE v.outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS'))
  FROM visit v CROSS JOIN LATERAL (SELECT v.check_in_at AT TIME ZONE v_zone) AS t(l)
  WHERE v.debtor_id = NEW.id AND v.status <> 'REJECTED'
  GROUP BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT visit_contact_hourly_key DO UPDATE
    SET attempts = h.attempts + excluded.attempts, contacts = h.contacts + excluded.contacts;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER debtor_contact_rollup AFTER UPDATE OF segment ON debtor
  FOR EACH ROW WHEN (OLD.segment IS DISTINCT FROM NEW.segment) EXECUTE FUNCTION debtor_contact_rollup();

-- Buckets every visit in p_zone unless that is already the rollup's zone. Blocks writes to
-- visits and debtors while it runs (only when the configured zone changed: a boot-time event).
CREATE FUNCTION contact_rollup_use_zone(p_zone text) RETURNS boolean AS $$
BEGIN
  PERFORM now() AT TIME ZONE p_zone;   -- an unknown zone fails here, before anything changes
  IF (SELECT zone FROM contact_rollup_zone FOR UPDATE) = p_zone THEN
    RETURN false;
  END IF;
  LOCK TABLE visit, debtor IN SHARE MODE;
  UPDATE contact_rollup_zone SET zone = p_zone;
  DELETE FROM visit_contact_hourly;
  INSERT INTO visit_contact_hourly (local_day, weekday, hour, agent_id, segment, attempts, contacts)
  SELECT l::date, extract(isodow FROM l), extract(hour FROM l), v.agent_id, d.segment,
         count(*), count(*) FILTER (WHERE v.outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS'))
  FROM visit v
  JOIN debtor d ON d.id = v.debtor_id
  CROSS JOIN LATERAL (SELECT v.check_in_at AT TIME ZONE p_zone) AS t(l)
  WHERE v.status <> 'REJECTED'
  GROUP BY 1, 2, 3, 4, 5;
  RETURN true;
END $$ LANGUAGE plpgsql;
