-- The last KPI figures that read the period's visits: debtors worked ("% clients managed", the
-- open balance worked) and promises kept/broken. Measured at 10 M visits before this migration:
-- those two statements took 2-9 s of the report's 3-13 s. The structures below are exact and kept
-- by row triggers, like V11/V12, with V11's local-day buckets (contact_rollup_zone).

-- ---------------------------------------------------------------------------------------------
-- Debtors worked. debtor_kpi_state: one row per debtor with its open balance (the sum of its
-- debts' balances > 0, kept by a trigger on debt) and the local days on which it was attempted (a
-- visit not REJECTED), as a bit string: bit i (0 = leftmost) is day first_day + i. A period's
-- worked debtors and their balance are then one pass over one row per debtor, with no DISTINCT
-- over visits and no probe of the debts: measured at 10 M visits, rows per calendar year plus
-- DISTINCT plus debt probes still took ~0.9 s for a year; one row per debtor takes ~0.1 s.
-- agent_debtor_attempt_days: the same days per agent x debtor, for the agent and team filters.
-- A day's bit is set while at least one attempt falls on it: removing an attempt re-checks the day
-- against visit_debtor, so counts stay exact after corrections and deletes. Bit strings only grow
-- (a day before first_day prepends, a later one appends): ~46 bytes per year of history.
CREATE TABLE debtor_kpi_state (
  debtor_id    bigint        PRIMARY KEY REFERENCES debtor (id) ON DELETE CASCADE,
  open_balance numeric(16,2) NOT NULL CHECK (open_balance >= 0),
  first_day    date,                                     -- null: never attempted
  days         varbit        NOT NULL DEFAULT B''
);

CREATE TABLE agent_debtor_attempt_days (
  agent_id  text   NOT NULL,
  debtor_id bigint NOT NULL,
  first_day date   NOT NULL,
  days      varbit NOT NULL,
  PRIMARY KEY (agent_id, debtor_id)
);

-- p_days (starting on p_first) with day p_day's bit set to p_bit, grown to hold it when p_bit is 1.
CREATE FUNCTION attempt_bits(p_days varbit, p_first date, p_day date, p_bit integer, OUT days varbit, OUT first_day date) AS $$
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
CREATE FUNCTION attempt_bit(p_days varbit, p_first date, p_day date) RETURNS boolean AS $$
  SELECT p_day >= p_first AND p_day - p_first < length(p_days) AND get_bit(p_days, p_day - p_first) = 1
$$ LANGUAGE sql IMMUTABLE;

-- Marks local day p_day as attempted for the debtor, and for the agent x debtor.
CREATE FUNCTION attempt_days_set(p_day date, p_agent text, p_debtor bigint) RETURNS void AS $$
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
CREATE FUNCTION attempt_days_unset(p_zone text, p_day date, p_agent text, p_debtor bigint) RETURNS void AS $$
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

CREATE FUNCTION visit_attempt_days() RETURNS trigger AS $$
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

CREATE TRIGGER visit_attempt_days AFTER INSERT OR DELETE OR UPDATE OF check_in_at, agent_id, debtor_id, status
  ON visit FOR EACH ROW EXECUTE FUNCTION visit_attempt_days();

-- Every debtor has its row from the start, so that debt changes always find it.
CREATE FUNCTION debtor_kpi_state_row() RETURNS trigger AS $$
BEGIN
  INSERT INTO debtor_kpi_state (debtor_id, open_balance) VALUES (NEW.id, 0);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER debtor_kpi_state_row AFTER INSERT ON debtor FOR EACH ROW EXECUTE FUNCTION debtor_kpi_state_row();

-- A debt inserted, paid down, moved or deleted: the debtor's open balance is summed again, after
-- locking its row so that the sum (a new statement) sees what a concurrent writer committed.
CREATE FUNCTION debtor_open_balance(p_debtor bigint) RETURNS void AS $$
BEGIN
  PERFORM 1 FROM debtor_kpi_state WHERE debtor_id = p_debtor FOR UPDATE;
  UPDATE debtor_kpi_state SET open_balance = (SELECT coalesce(sum(balance), 0) FROM debt WHERE debtor_id = p_debtor AND balance > 0)
    WHERE debtor_id = p_debtor;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION debt_open_balance() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM debtor_open_balance(OLD.debtor_id);
  END IF;
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' AND NEW.debtor_id <> OLD.debtor_id THEN
    PERFORM debtor_open_balance(NEW.debtor_id);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER debt_open_balance AFTER INSERT OR DELETE OR UPDATE OF balance, debtor_id ON debt
  FOR EACH ROW EXECUTE FUNCTION debt_open_balance();

-- ---------------------------------------------------------------------------------------------
-- Promises: one row per recorded promise (PromiseRecords.IS_PROMISE: a PROMISE outcome not
-- REJECTED) with its state, and their counts per local day made x agent x debtor segment (now).
-- kept follows PromiseRecords.IS_KEPT to the letter (the same SQL comparison, so the same session
-- time zone rule for "the end of its date"): a PAID attempt to the debtor between the promise and
-- the end of its date. Payments flip it both ways. Whether a promise is due depends on today, so
-- promise_kpi_daily counts every promise with a date; the KPI subtracts the few not yet due
-- (due_date >= today: the last days' promises) from promise_state by its due_date index.
CREATE TABLE promise_state (
  visit_id  bigint      PRIMARY KEY,
  debtor_id bigint      NOT NULL,
  agent_id  text        NOT NULL,
  made_at   timestamptz NOT NULL,
  made_day  date        NOT NULL,        -- local day of made_at
  due_date  date,                        -- outcome_details.date; a promise without one is never due nor kept
  kept      boolean     NOT NULL
);
CREATE INDEX promise_state_debtor ON promise_state (debtor_id, made_at);
CREATE INDEX promise_state_due ON promise_state (due_date) INCLUDE (made_day, agent_id, debtor_id, kept);

CREATE TABLE promise_kpi_daily (
  local_day date    NOT NULL,
  agent_id  text    NOT NULL,
  segment   text,
  promises  integer NOT NULL CHECK (promises >= 0),                -- promises with a date
  kept      integer NOT NULL CHECK (kept BETWEEN 0 AND promises),
  CONSTRAINT promise_kpi_daily_key UNIQUE NULLS NOT DISTINCT (local_day, agent_id, segment)
);
CREATE INDEX promise_kpi_daily_agent ON promise_kpi_daily (agent_id, local_day);

-- The end of a promise's date: the midnight after it in the agency's zone. Not "p_due + 1" cast
-- in the session's zone: that is whatever the connection's TimeZone is (UTC on the embedded
-- server, anything on an external one), and a payment at 20:00 in Mexico City on the due date
-- would count as late. PromiseRecords.IS_KEPT uses the one-argument form too.
CREATE FUNCTION promise_due_end(p_due date, p_zone text) RETURNS timestamptz AS $$
  SELECT (p_due + 1)::timestamp AT TIME ZONE p_zone
$$ LANGUAGE sql STABLE;

CREATE FUNCTION promise_due_end(p_due date) RETURNS timestamptz AS $$
  SELECT promise_due_end(p_due, coalesce((SELECT zone FROM contact_rollup_zone), 'UTC'))
$$ LANGUAGE sql STABLE;

CREATE FUNCTION promise_is_kept(p_debtor bigint, p_made_at timestamptz, p_due date) RETURNS boolean AS $$
  SELECT p_due IS NOT NULL AND EXISTS (SELECT 1 FROM visit pay WHERE pay.debtor_id = p_debtor
      AND pay.outcome = 'PAID' AND pay.status <> 'REJECTED' AND pay.check_in_at >= p_made_at
      AND pay.check_in_at < promise_due_end(p_due))
$$ LANGUAGE sql STABLE;

-- Adds p_promises and p_kept (either may be negative) to a bucket; emptied rows stay, as in V12.
-- Only new promises insert: a kept flag that flips has its bucket already, and as a proposed row
-- (0 promises, 1 kept) it would fail the CHECKs before ON CONFLICT looks for it.
CREATE FUNCTION promise_kpi_add(p_day date, p_agent text, p_segment text, p_promises integer, p_kept integer) RETURNS void AS $$
BEGIN
  IF p_promises <= 0 THEN
    UPDATE promise_kpi_daily SET promises = promises + p_promises, kept = kept + p_kept
      WHERE local_day = p_day AND agent_id = p_agent AND segment IS NOT DISTINCT FROM p_segment;
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
CREATE FUNCTION promise_state_recheck(p_debtor bigint, p_paid_at timestamptz) RETURNS void AS $$
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

CREATE FUNCTION visit_promise_state() RETURNS trigger AS $$
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

CREATE TRIGGER visit_promise_state AFTER INSERT OR DELETE OR UPDATE OF check_in_at, agent_id, debtor_id, status, outcome,
    outcome_details
  ON visit FOR EACH ROW EXECUTE FUNCTION visit_promise_state();

-- A debtor whose segment changes takes its promise counts to the new segment (as V12 its visits).
CREATE FUNCTION debtor_promise_kpi() RETURNS trigger AS $$
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

CREATE TRIGGER debtor_promise_kpi AFTER UPDATE OF segment ON debtor
  FOR EACH ROW WHEN (OLD.segment IS DISTINCT FROM NEW.segment) EXECUTE FUNCTION debtor_promise_kpi();

-- ---------------------------------------------------------------------------------------------
-- Set-based rebuild of all three from visit: the backfill below, a zone change, and the bench's
-- bulk load (its triggers off during the load, as for V11/V12's rollups).
CREATE FUNCTION kpi_debtor_rollups_rebuild(p_zone text) RETURNS void AS $$
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
  FROM visit p CROSS JOIN LATERAL (SELECT (p.outcome_details->>'date')::date) AS x(due)
  WHERE p.outcome = 'PROMISE' AND p.status <> 'REJECTED';
  DELETE FROM promise_kpi_daily;
  INSERT INTO promise_kpi_daily (local_day, agent_id, segment, promises, kept)
  SELECT s.made_day, s.agent_id, d.segment, count(*), count(*) FILTER (WHERE s.kept)
  FROM promise_state s JOIN debtor d ON d.id = s.debtor_id
  WHERE s.due_date IS NOT NULL
  GROUP BY 1, 2, 3;
END $$ LANGUAGE plpgsql;

SELECT kpi_debtor_rollups_rebuild((SELECT zone FROM contact_rollup_zone));

-- V12's index for "debtors visited in a period" has no reader left, and every visit write paid for it.
-- (visit_promise_period stays: the planner's promise histories, PromiseRecords, read it; visit_paid
-- serves the kept test here too.)
DROP INDEX visit_kpi_period;

-- V12's zone switch, now also rebuilding these (their days are local days).
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
         count(*), count(*) FILTER (WHERE v.outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS'))
  FROM visit v
  JOIN debtor d ON d.id = v.debtor_id
  CROSS JOIN LATERAL (SELECT v.check_in_at AT TIME ZONE p_zone) AS t(l)
  WHERE v.status <> 'REJECTED'
  GROUP BY 1, 2, 3, 4, 5;
  PERFORM kpi_rollup_rebuild(p_zone);
  PERFORM kpi_debtor_rollups_rebuild(p_zone);
  RETURN true;
END $$ LANGUAGE plpgsql;
