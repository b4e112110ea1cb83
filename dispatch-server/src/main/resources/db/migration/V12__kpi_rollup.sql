-- KPI rollups for GET /api/reports/kpis: the manager's indicators read days x agents x segments
-- rows instead of every visit, and agent-days instead of every GPS fix.
--
-- visit_kpi_daily: per LOCAL day (in the zone of contact_rollup_zone, the same buckets as V11's
-- contact-hour rollup), agent and debtor segment (the debtor's segment now), kept exact by
-- triggers on every visit insert, late insert, correction and delete, like visit_contact_hourly.
-- Counting rules are V11's: an attempt is a visit that is not REJECTED; a contact an attempt whose
-- outcome is not NO_CONTACT or WRONG_ADDRESS. Here REJECTED visits are also counted on their own
-- (visits, rejected) because the rejected share is itself an indicator; every other column counts
-- attempts only (a rejected PAID visit collected nothing anybody could verify).
CREATE TABLE visit_kpi_daily (
  local_day     date          NOT NULL,
  agent_id      text          NOT NULL,
  segment       text,
  visits        integer       NOT NULL CHECK (visits >= 0),              -- every visit, REJECTED included
  rejected      integer       NOT NULL CHECK (rejected BETWEEN 0 AND visits),
  attempts      integer       NOT NULL CHECK (attempts = visits - rejected),
  contacts      integer       NOT NULL CHECK (contacts BETWEEN 0 AND attempts),
  promises      integer       NOT NULL CHECK (promises BETWEEN 0 AND attempts),
  collected     numeric(16,2) NOT NULL,                                  -- PAID attempts' outcome_details.amount
  timed         integer       NOT NULL CHECK (timed BETWEEN 0 AND attempts), -- attempts with a check-out at or after check-in
  visit_seconds numeric(16,3) NOT NULL,                                  -- their check-out minus check-in
  CONSTRAINT visit_kpi_daily_key UNIQUE NULLS NOT DISTINCT (local_day, agent_id, segment)
);
CREATE INDEX visit_kpi_daily_agent ON visit_kpi_daily (agent_id, local_day);

-- One visit's contribution (sign 1 adds, -1 removes) to its bucket. Emptied rows stay with
-- zeros: deleting them would race with a concurrent insert into the same bucket (see V11).
CREATE FUNCTION kpi_rollup_add(p_zone text, p_at timestamptz, p_out timestamptz, p_agent text, p_segment text,
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
  v_contact := CASE WHEN v_attempt = 1 AND p_outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS') THEN 1 ELSE 0 END;
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

CREATE FUNCTION visit_kpi_rollup() RETURNS trigger AS $$
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

CREATE TRIGGER visit_kpi_rollup AFTER INSERT OR DELETE
    OR UPDATE OF check_in_at, check_out_at, agent_id, debtor_id, status, outcome, outcome_details
  ON visit FOR EACH ROW EXECUTE FUNCTION visit_kpi_rollup();

-- A debtor whose segment changes takes its visits to the new segment (a debtor has few visits).
CREATE FUNCTION debtor_kpi_rollup() RETURNS trigger AS $$
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

CREATE TRIGGER debtor_kpi_rollup AFTER UPDATE OF segment ON debtor
  FOR EACH ROW WHEN (OLD.segment IS DISTINCT FROM NEW.segment) EXECUTE FUNCTION debtor_kpi_rollup();

-- agent_distance_daily: metres an agent covered per local day, from its GPS fixes. Not a trigger
-- on telemetry (that would slow the ingest path, the hottest write in the system): the server's
-- DistanceRollup recomputes, at boot and every few minutes, every agent-day that received a fix
-- since the watermark (by received_at, so late fixes for past days are caught), with the same
-- jump-skipping rule as the agent's day timeline.
CREATE TABLE agent_distance_daily (
  agent_id  text             NOT NULL,
  local_day date             NOT NULL,
  meters    double precision NOT NULL CHECK (meters >= 0),
  fixes     integer          NOT NULL CHECK (fixes >= 0),
  PRIMARY KEY (agent_id, local_day)
);

CREATE TABLE distance_rollup_watermark (
  only_row    boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
  received_at timestamptz NOT NULL
);
INSERT INTO distance_rollup_watermark (received_at) VALUES ('-infinity');

-- BRIN: received_at grows with insertion order within each partition, so a few pages of summary
-- find "fixes since the watermark" at almost no cost to ingest (a btree would be a second full index).
CREATE INDEX telemetry_received_brin ON telemetry USING brin (received_at);

-- Portfolio KPIs read open debts (balance > 0) by debtor, and the debtors visited in a period
-- (index-only: measured at 10 M visits, a month's 800 k visits in under 0.1 s).
CREATE INDEX debt_open ON debt (debtor_id) INCLUDE (balance, due_date, currency) WHERE balance > 0;
CREATE INDEX visit_kpi_period ON visit (check_in_at) INCLUDE (debtor_id, agent_id, status);
-- Promises of a period, index-only with their date; and the kept-promise test (PromiseRecords.IS_KEPT,
-- also the planner's) probes only recorded payments: an eighth of the visits, not every visit of the debtor.
CREATE INDEX visit_promise_period ON visit (check_in_at) INCLUDE (debtor_id, agent_id, outcome_details)
  WHERE outcome = 'PROMISE' AND status <> 'REJECTED';
CREATE INDEX visit_paid ON visit (debtor_id, check_in_at) WHERE outcome = 'PAID' AND status <> 'REJECTED';

CREATE FUNCTION kpi_rollup_rebuild(p_zone text) RETURNS void AS $$
BEGIN
  DELETE FROM visit_kpi_daily;
  INSERT INTO visit_kpi_daily (local_day, agent_id, segment, visits, rejected, attempts, contacts, promises, collected,
      timed, visit_seconds)
  SELECT (v.check_in_at AT TIME ZONE p_zone)::date, v.agent_id, d.segment, count(*),
         count(*) FILTER (WHERE v.status = 'REJECTED'),
         count(*) FILTER (WHERE v.status <> 'REJECTED'),
         count(*) FILTER (WHERE v.status <> 'REJECTED' AND v.outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS')),
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

SELECT kpi_rollup_rebuild((SELECT zone FROM contact_rollup_zone));

-- V11's zone switch, now also rebuilding the KPI rollups in the same transaction.
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
  RETURN true;
END $$ LANGUAGE plpgsql;
