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

-- R__report_functions.sql's promise_kpi_add matches the page promises' null agent; its kpi_debtor_rollups_rebuild
-- rebuilds their promise_state rows too.

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


-- ---------------------------------------------------------------------------------------------
-- Campaigns by team (issue #15 leftovers): the teams of a campaign's audience, fixed when it is created ('' for a
-- debtor of no team, whom only admins see). A dispatcher or manager sees a campaign whose every recipient is in their
-- teams; an empty one only its creator (and admins). Kept on the row, not joined per read: the office's list reads 200
-- campaigns, each of up to 100,000 messages.
ALTER TABLE campaign ADD COLUMN audience_teams text[] NOT NULL DEFAULT '{}';
UPDATE campaign c SET audience_teams = coalesce((SELECT array_agg(DISTINCT coalesce(d.team_id, '') ORDER BY coalesce(d.team_id, ''))
  FROM outbound_message m JOIN debtor d ON d.id = m.debtor_id WHERE m.campaign_id = c.id), '{}');
