-- Promises a debtor makes on the public payment page (issue #15 item 7), first-class next to the PROMISE outcomes of
-- visits: the same kept/broken test from the ledger (V24's promise_is_kept), the same rollups (V13's promise_state and
-- promise_kpi_daily), the same readers (the view promise_made below). A page promise has no visit and no agent.
CREATE TABLE page_promise (
  id        bigserial     PRIMARY KEY,
  debtor_id bigint        NOT NULL REFERENCES debtor (id),
  amount    numeric(14,2) NOT NULL CHECK (amount > 0),
  currency  char(3)       NOT NULL,
  due_date  date          NOT NULL,
  made_at   timestamptz   NOT NULL
);
CREATE INDEX page_promise_debtor ON page_promise (debtor_id, due_date);

-- A debtor's word, like a payment, is history: one open page promise per debtor is enforced by refusing a second
-- (PagePromises), never by rewriting the first, so the kept/broken counts cannot be gamed by moving a date.
CREATE TRIGGER page_promise_append_only BEFORE UPDATE OR DELETE ON page_promise
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();

-- Every recorded promise, whichever way it came. The one list the readers use (PromiseRecords.MADE): a visit's PROMISE
-- outcome not REJECTED (its date as the agent typed it; a date that is no date is no due date), or a page promise.
CREATE VIEW promise_made AS
  SELECT 'visit'::text AS source, v.id AS source_id, v.debtor_id, v.agent_id, v.check_in_at AS made_at,
         CASE WHEN v.outcome_details->>'date' ~ '^\d{4}-\d{2}-\d{2}$' THEN (v.outcome_details->>'date')::date END AS due_date,
         v.outcome_details->>'amount' AS amount, v.outcome_details->>'currency' AS currency
  FROM visit v WHERE v.outcome = 'PROMISE' AND v.status <> 'REJECTED'
  UNION ALL
  SELECT 'page', p.id, p.debtor_id, NULL, p.made_at, p.due_date, p.amount::text, rtrim(p.currency)
  FROM page_promise p;

-- promise_state and promise_kpi_daily take page promises: no visit, no agent.
ALTER TABLE promise_state DROP CONSTRAINT promise_state_pkey;
ALTER TABLE promise_state ALTER COLUMN visit_id DROP NOT NULL;
ALTER TABLE promise_state ALTER COLUMN agent_id DROP NOT NULL;
ALTER TABLE promise_state ADD COLUMN page_promise_id bigint;
ALTER TABLE promise_state ADD CONSTRAINT promise_state_one_source CHECK (num_nonnulls(visit_id, page_promise_id) = 1);
CREATE UNIQUE INDEX promise_state_visit ON promise_state (visit_id) WHERE visit_id IS NOT NULL;
CREATE UNIQUE INDEX promise_state_page ON promise_state (page_promise_id) WHERE page_promise_id IS NOT NULL;
ALTER TABLE promise_kpi_daily ALTER COLUMN agent_id DROP NOT NULL;

-- V13's bucket update, matching the page promises' null agent too.
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

-- V13's visit trigger deletes promise_state rows by visit_id: unchanged, the partial unique index serves it.
CREATE FUNCTION page_promise_state() RETURNS trigger AS $$
DECLARE
  v_zone    text;
  v_segment text;
  v_kept    boolean;
  v_day     date;
BEGIN
  -- V13's one writer per debtor for promises and payments.
  PERFORM pg_advisory_xact_lock(1330, hashtext(NEW.debtor_id::text));
  SELECT zone INTO v_zone FROM contact_rollup_zone;
  v_day := (NEW.made_at AT TIME ZONE v_zone)::date;
  v_kept := promise_is_kept(NEW.debtor_id, NEW.made_at, NEW.due_date);
  INSERT INTO promise_state (page_promise_id, debtor_id, agent_id, made_at, made_day, due_date, kept)
  VALUES (NEW.id, NEW.debtor_id, NULL, NEW.made_at, v_day, NEW.due_date, v_kept);
  SELECT segment INTO v_segment FROM debtor WHERE id = NEW.debtor_id FOR SHARE;
  PERFORM promise_kpi_add(v_day, NULL, v_segment, 1, CASE WHEN v_kept THEN 1 ELSE 0 END);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER page_promise_state AFTER INSERT ON page_promise FOR EACH ROW EXECUTE FUNCTION page_promise_state();

-- V24's rebuild (zone change, bench bulk load), now with the page promises in promise_state.
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
-- Campaigns by team (issue #15 leftovers): the teams of a campaign's audience, fixed when it is created ('' for a
-- debtor of no team, whom only admins see). A dispatcher or manager sees a campaign whose every recipient is in their
-- teams; an empty one only its creator (and admins). Kept on the row, not joined per read: the office's list reads 200
-- campaigns, each of up to 100,000 messages.
ALTER TABLE campaign ADD COLUMN audience_teams text[] NOT NULL DEFAULT '{}';
UPDATE campaign c SET audience_teams = coalesce((SELECT array_agg(DISTINCT coalesce(d.team_id, '') ORDER BY coalesce(d.team_id, ''))
  FROM outbound_message m JOIN debtor d ON d.id = m.debtor_id WHERE m.campaign_id = c.id), '{}');
