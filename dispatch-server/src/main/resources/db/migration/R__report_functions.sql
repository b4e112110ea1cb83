-- The report functions: every function behind the report rollups (contact hours, KPIs, debtors
-- worked, promises, ledger payments), in its CURRENT definition. Flyway runs this file after all
-- versioned migrations, and again whenever its checksum changes, so:
--   * report functions change ONLY here: edit the function in place (CREATE OR REPLACE keeps the
--     triggers that call it). A versioned migration must never redefine one of them, or this file
--     would put the old body back on the next checksum change (ReportFunctionsMigrationTest checks).
--   * tables, indexes, triggers and backfills stay in versioned migrations (V11-V13, V24 created
--     them). A change that needs the rollups rebuilt (a new counting rule) also needs a versioned
--     migration that rebuilds them, e.g. SELECT contact_rollup_use_zone(...) after resetting the zone.
--   * signatures cannot change here (CREATE OR REPLACE keeps the argument names and return type):
--     a new signature is a new function; drop the old one in a versioned migration.
-- What counts as a contact is campo_is_contact(outcome) (V34), used by every rollup below and by the
-- report queries in Java; SQL functions of one expression are inlined by the planner, so calling it
-- costs nothing over the literal list it replaced.

-- ---------------------------------------------------------------------------------------------
-- Contact-hour rollup (visit_contact_hourly, V11): attempts and contacts per local hour, agent
-- and debtor segment (its segment now), in the zone of contact_rollup_zone.

-- Adds (sign 1) or removes (sign -1) one visit's contribution. Emptied rows stay, with zeros:
-- deleting them would race with a concurrent insert into the same bucket.
CREATE OR REPLACE FUNCTION contact_rollup_add(p_at timestamptz, p_agent text, p_debtor bigint, p_status text,
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
  v_contact := CASE WHEN campo_is_contact(p_outcome) THEN 1 ELSE 0 END;
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

CREATE OR REPLACE FUNCTION visit_contact_rollup() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM contact_rollup_add(OLD.check_in_at, OLD.agent_id, OLD.debtor_id, OLD.status, OLD.outcome, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM contact_rollup_add(NEW.check_in_at, NEW.agent_id, NEW.debtor_id, NEW.status, NEW.outcome, 1);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- A debtor whose segment changes takes its visits' counts to the new segment.
CREATE OR REPLACE FUNCTION debtor_contact_rollup() RETURNS trigger AS $$
DECLARE
  v_zone text;
BEGIN
  SELECT zone INTO v_zone FROM contact_rollup_zone;
  -- The counts of this debtor's visits, per bucket, taken out of the old segment's rows...
  UPDATE visit_contact_hourly h SET attempts = h.attempts - c.attempts, contacts = h.contacts - c.contacts
  FROM (SELECT l::date AS local_day, extract(hour FROM l) AS hour, v.agent_id, count(*) AS attempts,
               count(*) FILTER (WHERE campo_is_contact(v.outcome)) AS contacts
        FROM visit v CROSS JOIN LATERAL (SELECT v.check_in_at AT TIME ZONE v_zone) AS t(l)
        WHERE v.debtor_id = NEW.id AND v.status <> 'REJECTED'
        GROUP BY 1, 2, 3) AS c
  WHERE h.local_day = c.local_day AND h.hour = c.hour AND h.agent_id = c.agent_id
    AND h.segment IS NOT DISTINCT FROM OLD.segment;
  -- ... and added to the new segment's.
  INSERT INTO visit_contact_hourly AS h (local_day, weekday, hour, agent_id, segment, attempts, contacts)
  SELECT l::date, extract(isodow FROM l), extract(hour FROM l), v.agent_id, NEW.segment,
         count(*), count(*) FILTER (WHERE campo_is_contact(v.outcome))
  FROM visit v CROSS JOIN LATERAL (SELECT v.check_in_at AT TIME ZONE v_zone) AS t(l)
  WHERE v.debtor_id = NEW.id AND v.status <> 'REJECTED'
  GROUP BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT visit_contact_hourly_key DO UPDATE
    SET attempts = h.attempts + excluded.attempts, contacts = h.contacts + excluded.contacts;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- Buckets every visit in p_zone unless that is already the rollups' zone, and rebuilds every rollup
-- whose days are local days. Blocks writes to visits and debtors while it runs (only when the
-- configured zone changed: a boot-time event).
CREATE OR REPLACE FUNCTION contact_rollup_use_zone(p_zone text) RETURNS boolean AS $$
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
         count(*), count(*) FILTER (WHERE campo_is_contact(v.outcome))
  FROM visit v
  JOIN debtor d ON d.id = v.debtor_id
  CROSS JOIN LATERAL (SELECT v.check_in_at AT TIME ZONE p_zone) AS t(l)
  WHERE v.status <> 'REJECTED'
  GROUP BY 1, 2, 3, 4, 5;
  PERFORM kpi_rollup_rebuild(p_zone);
  PERFORM kpi_debtor_rollups_rebuild(p_zone);
  RETURN true;
END $$ LANGUAGE plpgsql;

-- ---------------------------------------------------------------------------------------------
-- KPI rollup (visit_kpi_daily, V12): per local day, agent and segment.

-- One visit's contribution (sign 1 adds, -1 removes) to its bucket. Emptied rows stay with
-- zeros: deleting them would race with a concurrent insert into the same bucket (see V11).
CREATE OR REPLACE FUNCTION kpi_rollup_add(p_zone text, p_at timestamptz, p_out timestamptz, p_agent text, p_segment text,
    p_status text, p_outcome text, p_details jsonb, p_sign integer) RETURNS void AS $$
DECLARE
  v_day       date;
  v_rejected  integer;
  v_attempt   integer;
  v_contact   integer;
  v_promise   integer;
  v_collected numeric;
  v_timed     integer;
  v_seconds   numeric;
BEGIN
  v_day := (p_at AT TIME ZONE p_zone)::date;
  v_rejected := CASE WHEN p_status = 'REJECTED' THEN 1 ELSE 0 END;
  v_attempt := 1 - v_rejected;
  v_contact := CASE WHEN v_attempt = 1 AND campo_is_contact(p_outcome) THEN 1 ELSE 0 END;
  v_promise := CASE WHEN v_attempt = 1 AND p_outcome = 'PROMISE' THEN 1 ELSE 0 END;
  v_collected := CASE WHEN v_attempt = 1 AND p_outcome = 'PAID' THEN coalesce((p_details->>'amount')::numeric, 0) ELSE 0 END;
  v_timed := CASE WHEN v_attempt = 1 AND p_out >= p_at THEN 1 ELSE 0 END;
  v_seconds := CASE WHEN v_timed = 1 THEN extract(epoch FROM p_out - p_at) ELSE 0 END;
  IF p_sign < 0 THEN
    -- An UPDATE, not INSERT .. ON CONFLICT: the proposed negative row would fail the CHECKs first.
    UPDATE visit_kpi_daily SET visits = visits - 1, rejected = rejected - v_rejected, attempts = attempts - v_attempt,
        contacts = contacts - v_contact, promises = promises - v_promise, collected = collected - v_collected,
        timed = timed - v_timed, visit_seconds = visit_seconds - v_seconds
      WHERE local_day = v_day AND agent_id = p_agent AND segment IS NOT DISTINCT FROM p_segment;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'KPI rollup has no bucket for a visit being removed (% % %): it is out of step with visit',
        v_day, p_agent, p_segment;
    END IF;
  ELSE
    INSERT INTO visit_kpi_daily AS k (local_day, agent_id, segment, visits, rejected, attempts, contacts, promises, collected,
        timed, visit_seconds)
    VALUES (v_day, p_agent, p_segment, 1, v_rejected, v_attempt, v_contact, v_promise, v_collected, v_timed, v_seconds)
    ON CONFLICT ON CONSTRAINT visit_kpi_daily_key DO UPDATE
      SET visits = k.visits + 1, rejected = k.rejected + excluded.rejected, attempts = k.attempts + excluded.attempts,
          contacts = k.contacts + excluded.contacts, promises = k.promises + excluded.promises,
          collected = k.collected + excluded.collected, timed = k.timed + excluded.timed,
          visit_seconds = k.visit_seconds + excluded.visit_seconds;
  END IF;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION visit_kpi_rollup() RETURNS trigger AS $$
DECLARE
  v_zone    text;
  v_segment text;
BEGIN
  SELECT zone INTO v_zone FROM contact_rollup_zone;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    -- FOR SHARE: a concurrent segment change of the debtor and this visit see each other's work (see V11).
    SELECT segment INTO v_segment FROM debtor WHERE id = OLD.debtor_id FOR SHARE;
    PERFORM kpi_rollup_add(v_zone, OLD.check_in_at, OLD.check_out_at, OLD.agent_id, v_segment, OLD.status, OLD.outcome,
        OLD.outcome_details, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT segment INTO v_segment FROM debtor WHERE id = NEW.debtor_id FOR SHARE;
    PERFORM kpi_rollup_add(v_zone, NEW.check_in_at, NEW.check_out_at, NEW.agent_id, v_segment, NEW.status, NEW.outcome,
        NEW.outcome_details, 1);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- A debtor whose segment changes takes its visits to the new segment (a debtor has few visits).
CREATE OR REPLACE FUNCTION debtor_kpi_rollup() RETURNS trigger AS $$
DECLARE
  v_zone text;
  v record;
BEGIN
  SELECT zone INTO v_zone FROM contact_rollup_zone;
  FOR v IN SELECT * FROM visit WHERE debtor_id = NEW.id LOOP
    PERFORM kpi_rollup_add(v_zone, v.check_in_at, v.check_out_at, v.agent_id, OLD.segment, v.status, v.outcome,
        v.outcome_details, -1);
    PERFORM kpi_rollup_add(v_zone, v.check_in_at, v.check_out_at, v.agent_id, NEW.segment, v.status, v.outcome,
        v.outcome_details, 1);
  END LOOP;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION kpi_rollup_rebuild(p_zone text) RETURNS void AS $$
BEGIN
  DELETE FROM visit_kpi_daily;
  INSERT INTO visit_kpi_daily (local_day, agent_id, segment, visits, rejected, attempts, contacts, promises, collected,
      timed, visit_seconds)
  SELECT (v.check_in_at AT TIME ZONE p_zone)::date, v.agent_id, d.segment, count(*),
         count(*) FILTER (WHERE v.status = 'REJECTED'),
         count(*) FILTER (WHERE v.status <> 'REJECTED'),
         count(*) FILTER (WHERE v.status <> 'REJECTED' AND campo_is_contact(v.outcome)),
         count(*) FILTER (WHERE v.status <> 'REJECTED' AND v.outcome = 'PROMISE'),
         coalesce(sum(coalesce((v.outcome_details->>'amount')::numeric, 0))
             FILTER (WHERE v.status <> 'REJECTED' AND v.outcome = 'PAID'), 0),
         count(*) FILTER (WHERE v.status <> 'REJECTED' AND v.check_out_at >= v.check_in_at),
         coalesce(sum(extract(epoch FROM v.check_out_at - v.check_in_at))
             FILTER (WHERE v.status <> 'REJECTED' AND v.check_out_at >= v.check_in_at), 0)
  FROM visit v JOIN debtor d ON d.id = v.debtor_id
  GROUP BY 1, 2, 3;
  -- Distances are per local day too: the job recomputes every day from the start.
  DELETE FROM agent_distance_daily;
  UPDATE distance_rollup_watermark SET received_at = '-infinity';
END $$ LANGUAGE plpgsql;

-- ---------------------------------------------------------------------------------------------
-- Debtors worked (debtor_kpi_state, agent_debtor_attempt_days, V13): the local days each debtor
-- was attempted, as bit strings.

-- p_days (starting on p_first) with day p_day's bit set to p_bit, grown to hold it when p_bit is 1.
CREATE OR REPLACE FUNCTION attempt_bits(p_days varbit, p_first date, p_day date, p_bit integer, OUT days varbit, OUT first_day date) AS $$
BEGIN
  IF p_first IS NULL OR length(p_days) = 0 THEN
    days := CASE WHEN p_bit = 1 THEN B'1' ELSE B'' END;
    first_day := CASE WHEN p_bit = 1 THEN p_day END;
  ELSIF p_day < p_first THEN
    days := CASE WHEN p_bit = 1 THEN B'1' || repeat('0', p_first - p_day - 1)::varbit || p_days ELSE p_days END;
    first_day := CASE WHEN p_bit = 1 THEN p_day ELSE p_first END;
  ELSIF p_day - p_first >= length(p_days) THEN
    days := CASE WHEN p_bit = 1 THEN p_days || repeat('0', p_day - p_first - length(p_days))::varbit || B'1' ELSE p_days END;
    first_day := p_first;
  ELSE
    days := set_bit(p_days, p_day - p_first, p_bit);
    first_day := p_first;
  END IF;
END $$ LANGUAGE plpgsql IMMUTABLE;

-- True when day p_day's bit is set.
CREATE OR REPLACE FUNCTION attempt_bit(p_days varbit, p_first date, p_day date) RETURNS boolean AS $$
  SELECT p_day >= p_first AND p_day - p_first < length(p_days) AND get_bit(p_days, p_day - p_first) = 1
$$ LANGUAGE sql IMMUTABLE;

-- Marks local day p_day as attempted for the debtor, and for the agent x debtor.
CREATE OR REPLACE FUNCTION attempt_days_set(p_day date, p_agent text, p_debtor bigint) RETURNS void AS $$
DECLARE
  r record;
BEGIN
  SELECT * INTO r FROM debtor_kpi_state WHERE debtor_id = p_debtor FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'debtor_kpi_state has no row for debtor %: out of step with debtor', p_debtor;
  END IF;
  IF NOT coalesce(attempt_bit(r.days, r.first_day, p_day), false) THEN
    UPDATE debtor_kpi_state t SET days = b.days, first_day = b.first_day
    FROM attempt_bits(r.days, r.first_day, p_day, 1) b WHERE t.debtor_id = p_debtor;
  END IF;
  SELECT * INTO r FROM agent_debtor_attempt_days WHERE agent_id = p_agent AND debtor_id = p_debtor FOR UPDATE;
  IF NOT FOUND THEN
    -- A concurrent first attempt of the same pair conflicts here and then sets its bit as an update.
    INSERT INTO agent_debtor_attempt_days AS t (agent_id, debtor_id, first_day, days) VALUES (p_agent, p_debtor, p_day, B'1')
    ON CONFLICT (agent_id, debtor_id) DO UPDATE
      SET days = (attempt_bits(t.days, t.first_day, p_day, 1)).days, first_day = (attempt_bits(t.days, t.first_day, p_day, 1)).first_day;
  ELSIF NOT attempt_bit(r.days, r.first_day, p_day) THEN
    UPDATE agent_debtor_attempt_days t SET days = b.days, first_day = b.first_day
    FROM attempt_bits(r.days, r.first_day, p_day, 1) b WHERE t.agent_id = p_agent AND t.debtor_id = p_debtor;
  END IF;
END $$ LANGUAGE plpgsql;

-- An attempt on local day p_day was removed (deleted, moved, rejected): clears the day's bits
-- unless another attempt still falls on it. Each row is locked before its day is re-checked, so
-- that the check (a new statement, a new snapshot) sees any concurrent attempt that set the bit
-- first; one that sets it after waits for this lock and sets it again.
CREATE OR REPLACE FUNCTION attempt_days_unset(p_zone text, p_day date, p_agent text, p_debtor bigint) RETURNS void AS $$
DECLARE
  v_start timestamptz := p_day::timestamp AT TIME ZONE p_zone;
  v_end   timestamptz := (p_day + 1)::timestamp AT TIME ZONE p_zone;
BEGIN
  -- The debtor's row first, then the agent x debtor row: attempt_days_set's order. The other order
  -- deadlocks a correction against a new attempt of the same agent and debtor.
  PERFORM 1 FROM debtor_kpi_state WHERE debtor_id = p_debtor FOR UPDATE;
  PERFORM 1 FROM agent_debtor_attempt_days WHERE agent_id = p_agent AND debtor_id = p_debtor FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'attempt days have no row for an attempt being removed (% % %): out of step with visit',
        p_day, p_agent, p_debtor;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM visit v WHERE v.debtor_id = p_debtor AND v.check_in_at >= v_start AND v.check_in_at < v_end
      AND v.status <> 'REJECTED' AND v.agent_id = p_agent) THEN
    UPDATE agent_debtor_attempt_days t SET days = (attempt_bits(t.days, t.first_day, p_day, 0)).days
      WHERE agent_id = p_agent AND debtor_id = p_debtor;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM visit v WHERE v.debtor_id = p_debtor AND v.check_in_at >= v_start AND v.check_in_at < v_end
      AND v.status <> 'REJECTED') THEN
    UPDATE debtor_kpi_state t SET days = (attempt_bits(t.days, t.first_day, p_day, 0)).days WHERE debtor_id = p_debtor;
  END IF;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION visit_attempt_days() RETURNS trigger AS $$
DECLARE
  v_zone text;
BEGIN
  SELECT zone INTO v_zone FROM contact_rollup_zone;
  -- Lock order debtor, then its rows here: a segment change holds the debtor while V12's and
  -- V13's debtor triggers run, and V12's visit trigger takes the debtor FOR SHARE after this one.
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'REJECTED' THEN
    PERFORM 1 FROM debtor WHERE id = OLD.debtor_id FOR SHARE;
    PERFORM attempt_days_unset(v_zone, (OLD.check_in_at AT TIME ZONE v_zone)::date, OLD.agent_id, OLD.debtor_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status <> 'REJECTED' THEN
    PERFORM 1 FROM debtor WHERE id = NEW.debtor_id FOR SHARE;
    PERFORM attempt_days_set((NEW.check_in_at AT TIME ZONE v_zone)::date, NEW.agent_id, NEW.debtor_id);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- Every debtor has its row from the start, so that debt changes always find it.
CREATE OR REPLACE FUNCTION debtor_kpi_state_row() RETURNS trigger AS $$
BEGIN
  INSERT INTO debtor_kpi_state (debtor_id, open_balance) VALUES (NEW.id, 0);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- A debt inserted, paid down, moved or deleted: the debtor's open balance is summed again, after
-- locking its row so that the sum (a new statement) sees what a concurrent writer committed.
CREATE OR REPLACE FUNCTION debtor_open_balance(p_debtor bigint) RETURNS void AS $$
BEGIN
  PERFORM 1 FROM debtor_kpi_state WHERE debtor_id = p_debtor FOR UPDATE;
  UPDATE debtor_kpi_state SET open_balance = (SELECT coalesce(sum(balance), 0) FROM debt WHERE debtor_id = p_debtor AND balance > 0)
    WHERE debtor_id = p_debtor;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION debt_open_balance() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM debtor_open_balance(OLD.debtor_id);
  END IF;
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' AND NEW.debtor_id <> OLD.debtor_id THEN
    PERFORM debtor_open_balance(NEW.debtor_id);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- ---------------------------------------------------------------------------------------------
-- Promises (promise_state, promise_kpi_daily, V13; kept by payments too since V24).

-- The end of a promise's date: the midnight after it in the agency's zone. Not "p_due + 1" cast
-- in the session's zone: that is whatever the connection's TimeZone is (UTC on the embedded
-- server, anything on an external one), and a payment at 20:00 in Mexico City on the due date
-- would count as late. PromiseRecords.IS_KEPT uses the one-argument form too.
CREATE OR REPLACE FUNCTION promise_due_end(p_due date, p_zone text) RETURNS timestamptz AS $$
  SELECT (p_due + 1)::timestamp AT TIME ZONE p_zone
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION promise_due_end(p_due date) RETURNS timestamptz AS $$
  SELECT promise_due_end(p_due, coalesce((SELECT zone FROM contact_rollup_zone), 'UTC'))
$$ LANGUAGE sql STABLE;

-- A promise is kept by a PAID visit (V13) or by a payment of another source in its window.
CREATE OR REPLACE FUNCTION promise_is_kept(p_debtor bigint, p_made_at timestamptz, p_due date) RETURNS boolean AS $$
  SELECT p_due IS NOT NULL AND (EXISTS (SELECT 1 FROM visit pay WHERE pay.debtor_id = p_debtor
      AND pay.outcome = 'PAID' AND pay.status <> 'REJECTED' AND pay.check_in_at >= p_made_at
      AND pay.check_in_at < promise_due_end(p_due))
    OR EXISTS (SELECT 1 FROM payment pay WHERE pay.debtor_id = p_debtor AND pay.source <> 'field'
      AND pay.paid_at >= p_made_at AND pay.paid_at < promise_due_end(p_due)))
$$ LANGUAGE sql STABLE;

-- Adds p_promises and p_kept (either may be negative) to a bucket; emptied rows stay, as in V12. The agent is
-- null for a promise the debtor made on the payment page (V35).
-- Only new promises insert: a kept flag that flips has its bucket already, and as a proposed row
-- (0 promises, 1 kept) it would fail the CHECKs before ON CONFLICT looks for it.
CREATE OR REPLACE FUNCTION promise_kpi_add(p_day date, p_agent text, p_segment text, p_promises integer, p_kept integer) RETURNS void AS $$
BEGIN
  IF p_promises <= 0 THEN
    UPDATE promise_kpi_daily SET promises = promises + p_promises, kept = kept + p_kept
      WHERE local_day = p_day AND agent_id IS NOT DISTINCT FROM p_agent AND segment IS NOT DISTINCT FROM p_segment;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'promise rollup has no bucket for a promise being removed (% % %): out of step with visit',
          p_day, p_agent, p_segment;
    END IF;
  ELSE
    INSERT INTO promise_kpi_daily AS k (local_day, agent_id, segment, promises, kept)
    VALUES (p_day, p_agent, p_segment, p_promises, p_kept)
    ON CONFLICT ON CONSTRAINT promise_kpi_daily_key DO UPDATE
      SET promises = k.promises + excluded.promises, kept = k.kept + excluded.kept;
  END IF;
END $$ LANGUAGE plpgsql;

-- Re-evaluates the kept flag of the debtor's promises whose window holds p_paid_at (a payment that
-- arrived, moved or went), and moves the changed ones' counts.
CREATE OR REPLACE FUNCTION promise_state_recheck(p_debtor bigint, p_paid_at timestamptz) RETURNS void AS $$
DECLARE
  v_segment text;
  p record;
BEGIN
  SELECT segment INTO v_segment FROM debtor WHERE id = p_debtor FOR SHARE;
  FOR p IN
    UPDATE promise_state s SET kept = NOT s.kept
    WHERE s.debtor_id = p_debtor AND s.made_at <= p_paid_at AND p_paid_at < promise_due_end(s.due_date)
      AND s.kept <> promise_is_kept(s.debtor_id, s.made_at, s.due_date)
    RETURNING s.made_day, s.agent_id, s.kept
  LOOP
    PERFORM promise_kpi_add(p.made_day, p.agent_id, v_segment, 0, CASE WHEN p.kept THEN 1 ELSE -1 END);
  END LOOP;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION visit_promise_state() RETURNS trigger AS $$
DECLARE
  v_zone    text;
  v_segment text;
  v_due     date;
  v_kept    boolean;
  gone      record;
  old_promise boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.outcome = 'PROMISE' AND OLD.status <> 'REJECTED';
  old_paid    boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.outcome = 'PAID' AND OLD.status <> 'REJECTED';
  new_promise boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.outcome = 'PROMISE' AND NEW.status <> 'REJECTED';
  new_paid    boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.outcome = 'PAID' AND NEW.status <> 'REJECTED';
BEGIN
  IF NOT (old_promise OR old_paid OR new_promise OR new_paid) THEN
    RETURN NULL;
  END IF;
  -- A promise's kept test reads the debtor's payments and a payment updates the debtor's promises:
  -- one writer per debtor at a time, or a promise and a payment committed together would miss each
  -- other. The next statement's snapshot then sees what the previous holder committed.
  IF old_promise OR old_paid THEN
    PERFORM pg_advisory_xact_lock(1330, hashtext(OLD.debtor_id::text));
  END IF;
  IF (new_promise OR new_paid) AND NOT ((old_promise OR old_paid) AND OLD.debtor_id = NEW.debtor_id) THEN
    PERFORM pg_advisory_xact_lock(1330, hashtext(NEW.debtor_id::text));
  END IF;
  SELECT zone INTO v_zone FROM contact_rollup_zone;

  IF old_promise THEN
    DELETE FROM promise_state WHERE visit_id = OLD.id RETURNING made_day, agent_id, due_date, kept INTO gone;
    IF gone.due_date IS NOT NULL THEN
      SELECT segment INTO v_segment FROM debtor WHERE id = OLD.debtor_id FOR SHARE;
      PERFORM promise_kpi_add(gone.made_day, gone.agent_id, v_segment, -1, CASE WHEN gone.kept THEN -1 ELSE 0 END);
    END IF;
  END IF;
  IF new_promise THEN
    v_due := (NEW.outcome_details->>'date')::date;
    v_kept := promise_is_kept(NEW.debtor_id, NEW.check_in_at, v_due);
    INSERT INTO promise_state (visit_id, debtor_id, agent_id, made_at, made_day, due_date, kept)
    VALUES (NEW.id, NEW.debtor_id, NEW.agent_id, NEW.check_in_at, (NEW.check_in_at AT TIME ZONE v_zone)::date, v_due, v_kept);
    IF v_due IS NOT NULL THEN
      SELECT segment INTO v_segment FROM debtor WHERE id = NEW.debtor_id FOR SHARE;
      PERFORM promise_kpi_add((NEW.check_in_at AT TIME ZONE v_zone)::date, NEW.agent_id, v_segment, 1,
          CASE WHEN v_kept THEN 1 ELSE 0 END);
    END IF;
  END IF;
  -- After the promises: a row that stopped being a promise is gone, one that became one is current.
  IF old_paid THEN
    PERFORM promise_state_recheck(OLD.debtor_id, OLD.check_in_at);
  END IF;
  IF new_paid THEN
    PERFORM promise_state_recheck(NEW.debtor_id, NEW.check_in_at);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- A debtor whose segment changes takes its promise counts to the new segment (as V12 its visits).
CREATE OR REPLACE FUNCTION debtor_promise_kpi() RETURNS trigger AS $$
DECLARE
  p record;
BEGIN
  FOR p IN SELECT made_day, agent_id, count(*)::integer AS promises, (count(*) FILTER (WHERE kept))::integer AS kept
           FROM promise_state WHERE debtor_id = NEW.id AND due_date IS NOT NULL GROUP BY made_day, agent_id LOOP
    PERFORM promise_kpi_add(p.made_day, p.agent_id, OLD.segment, -p.promises, -p.kept);
    PERFORM promise_kpi_add(p.made_day, p.agent_id, NEW.segment, p.promises, p.kept);
  END LOOP;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- Set-based rebuild of the debtor, promise and payment rollups from visit and payment: a zone change
-- and the bench's bulk load (its triggers off during the load). The kept test counts PAID visits and
-- the ledger's payments of other sources.
CREATE OR REPLACE FUNCTION kpi_debtor_rollups_rebuild(p_zone text) RETURNS void AS $$
BEGIN
  -- Open balances are rebuilt from debt: a debt change committed meanwhile would update a deleted row.
  LOCK TABLE debt IN SHARE MODE;
  PERFORM set_config('work_mem', '256MB', true);
  -- Each pair's days from its first to its last, then the bits of those days set in one string of that length.
  DELETE FROM agent_debtor_attempt_days;
  INSERT INTO agent_debtor_attempt_days (agent_id, debtor_id, first_day, days)
  SELECT x.agent_id, x.debtor_id, min(s.first_day), bit_or(set_bit(repeat('0', s.last_day - s.first_day + 1)::varbit, x.l - s.first_day, 1))
  FROM (SELECT DISTINCT v.agent_id, v.debtor_id, (v.check_in_at AT TIME ZONE p_zone)::date AS l FROM visit v
        WHERE v.status <> 'REJECTED') x
  JOIN (SELECT v.agent_id, v.debtor_id, min((v.check_in_at AT TIME ZONE p_zone)::date) AS first_day,
               max((v.check_in_at AT TIME ZONE p_zone)::date) AS last_day
        FROM visit v WHERE v.status <> 'REJECTED' GROUP BY 1, 2) s ON s.agent_id = x.agent_id AND s.debtor_id = x.debtor_id
  GROUP BY 1, 2;
  DELETE FROM debtor_kpi_state;
  INSERT INTO debtor_kpi_state (debtor_id, open_balance, first_day, days)
  SELECT d.id, coalesce(o.balance, 0), a.first_day, coalesce(a.days, B'')
  FROM debtor d
  LEFT JOIN (SELECT debtor_id, sum(balance) AS balance FROM debt WHERE balance > 0 GROUP BY 1) o ON o.debtor_id = d.id
  LEFT JOIN (SELECT t.debtor_id, s.first_day,
                    bit_or(repeat('0', t.first_day - s.first_day)::varbit || t.days || repeat('0', s.last_day - t.first_day - length(t.days) + 1)::varbit) AS days
             FROM agent_debtor_attempt_days t
             JOIN (SELECT debtor_id, min(first_day) AS first_day, max(first_day + length(days) - 1) AS last_day
                   FROM agent_debtor_attempt_days GROUP BY 1) s ON s.debtor_id = t.debtor_id
             GROUP BY t.debtor_id, s.first_day) a ON a.debtor_id = d.id;

  DELETE FROM promise_state;
  INSERT INTO promise_state (visit_id, debtor_id, agent_id, made_at, made_day, due_date, kept)
  SELECT p.id, p.debtor_id, p.agent_id, p.check_in_at, (p.check_in_at AT TIME ZONE p_zone)::date, x.due,
         x.due IS NOT NULL AND EXISTS (SELECT 1 FROM visit pay WHERE pay.debtor_id = p.debtor_id AND pay.outcome = 'PAID'
             AND pay.status <> 'REJECTED' AND pay.check_in_at >= p.check_in_at AND pay.check_in_at < promise_due_end(x.due, p_zone))
           OR x.due IS NOT NULL AND EXISTS (SELECT 1 FROM payment pay WHERE pay.debtor_id = p.debtor_id AND pay.source <> 'field'
             AND pay.paid_at >= p.check_in_at AND pay.paid_at < promise_due_end(x.due, p_zone))
  FROM visit p CROSS JOIN LATERAL (SELECT (p.outcome_details->>'date')::date) AS x(due)
  WHERE p.outcome = 'PROMISE' AND p.status <> 'REJECTED';
  INSERT INTO promise_state (page_promise_id, debtor_id, agent_id, made_at, made_day, due_date, kept)
  SELECT p.id, p.debtor_id, NULL, p.made_at, (p.made_at AT TIME ZONE p_zone)::date, p.due_date,
         EXISTS (SELECT 1 FROM visit pay WHERE pay.debtor_id = p.debtor_id AND pay.outcome = 'PAID'
             AND pay.status <> 'REJECTED' AND pay.check_in_at >= p.made_at AND pay.check_in_at < promise_due_end(p.due_date, p_zone))
           OR EXISTS (SELECT 1 FROM payment pay WHERE pay.debtor_id = p.debtor_id AND pay.source <> 'field'
             AND pay.paid_at >= p.made_at AND pay.paid_at < promise_due_end(p.due_date, p_zone))
  FROM page_promise p;
  DELETE FROM promise_kpi_daily;
  INSERT INTO promise_kpi_daily (local_day, agent_id, segment, promises, kept)
  SELECT s.made_day, s.agent_id, d.segment, count(*), count(*) FILTER (WHERE s.kept)
  FROM promise_state s JOIN debtor d ON d.id = s.debtor_id
  WHERE s.due_date IS NOT NULL
  GROUP BY 1, 2, 3;
  PERFORM payment_kpi_rebuild(p_zone);
END $$ LANGUAGE plpgsql;

-- ---------------------------------------------------------------------------------------------
-- Ledger payments of sources other than field visits (payment_kpi_daily, V24).

CREATE OR REPLACE FUNCTION payment_kpi_add(p_day date, p_segment text, p_payments integer, p_amount numeric) RETURNS void AS $$
BEGIN
  IF p_payments <= 0 THEN
    UPDATE payment_kpi_daily SET payments = payments + p_payments, collected = collected + p_amount
      WHERE local_day = p_day AND segment IS NOT DISTINCT FROM p_segment;
  ELSE
    INSERT INTO payment_kpi_daily AS k (local_day, segment, payments, collected) VALUES (p_day, p_segment, p_payments, p_amount)
    ON CONFLICT ON CONSTRAINT payment_kpi_daily_key DO UPDATE
      SET payments = k.payments + excluded.payments, collected = k.collected + excluded.collected;
  END IF;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION payment_kpi_rollup() RETURNS trigger AS $$
DECLARE
  v_zone    text;
  v_segment text;
BEGIN
  IF NEW.source = 'field' THEN
    RETURN NULL;
  END IF;
  -- V13's one writer per debtor for promises and payments, so that a promise and a payment
  -- committed together see each other.
  PERFORM pg_advisory_xact_lock(1330, hashtext(NEW.debtor_id::text));
  SELECT zone INTO v_zone FROM contact_rollup_zone;
  SELECT segment INTO v_segment FROM debtor WHERE id = NEW.debtor_id FOR SHARE;
  PERFORM payment_kpi_add((NEW.paid_at AT TIME ZONE v_zone)::date, v_segment, 1, NEW.amount);
  PERFORM promise_state_recheck(NEW.debtor_id, NEW.paid_at);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- A debtor whose segment changes takes its payments to the new segment (as V12 its visits).
CREATE OR REPLACE FUNCTION debtor_payment_kpi() RETURNS trigger AS $$
DECLARE
  v_zone text;
  p record;
BEGIN
  SELECT zone INTO v_zone FROM contact_rollup_zone;
  FOR p IN SELECT (paid_at AT TIME ZONE v_zone)::date AS day, count(*)::integer AS n, sum(amount) AS amount
           FROM payment WHERE debtor_id = NEW.id AND source <> 'field' GROUP BY 1 LOOP
    PERFORM payment_kpi_add(p.day, OLD.segment, -p.n, -p.amount);
    PERFORM payment_kpi_add(p.day, NEW.segment, p.n, p.amount);
  END LOOP;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION payment_kpi_rebuild(p_zone text) RETURNS void AS $$
BEGIN
  DELETE FROM payment_kpi_daily;
  INSERT INTO payment_kpi_daily (local_day, segment, payments, collected)
  SELECT (p.paid_at AT TIME ZONE p_zone)::date, d.segment, count(*), sum(p.amount)
  FROM payment p JOIN debtor d ON d.id = p.debtor_id
  WHERE p.source <> 'field'
  GROUP BY 1, 2;
END $$ LANGUAGE plpgsql;
