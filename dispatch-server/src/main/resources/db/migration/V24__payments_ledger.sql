-- The payments ledger (issue #15): every payment that reaches Campo, from any source, and how it was
-- allocated to the debtor's debts. Append-only, like client_log: a payment entered by mistake is
-- answered by a correcting entry, never by editing history. Balances follow from it: allocating a
-- payment lowers debt.balance in the same transaction (V13's trigger then keeps the debtor's open
-- balance), so debt.balance is the last stated balance less the payments allocated since.
CREATE TABLE payment (
  id          bigserial     PRIMARY KEY,
  debtor_id   bigint        NOT NULL REFERENCES debtor (id),
  contract    text,                     -- the contract the sender named, if any
  amount      numeric(14,2) NOT NULL CHECK (amount > 0),
  currency    char(3)       NOT NULL,
  paid_at     timestamptz   NOT NULL,
  reference   text          NOT NULL,
  source      text          NOT NULL CHECK (source IN ('field', 'transfer', 'cash_reference', 'card', 'import', 'provider')),
  -- The PAID visit a field payment mirrors. No foreign key: the ledger outlives an operator's
  -- correction of a visit row, and an append-only row could not follow an ON DELETE rule.
  visit_id    bigint,
  recorded_by text          NOT NULL,
  recorded_at timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT payment_source_reference UNIQUE (source, reference)
);
CREATE INDEX payment_debtor ON payment (debtor_id, paid_at);

-- Where each payment went: to a debt, as the debtor's credit (more than the open debts in that
-- currency), or 'prior' for field payments recorded before the ledger existed, whose effect on
-- balances the creditor's imported balances already carried.
CREATE TABLE payment_allocation (
  id         bigserial     PRIMARY KEY,
  payment_id bigint        NOT NULL REFERENCES payment (id),
  debt_id    bigint        REFERENCES debt (id),
  kind       text          NOT NULL CHECK (kind IN ('debt', 'credit', 'prior')),
  amount     numeric(14,2) NOT NULL CHECK (amount > 0),
  CHECK ((kind = 'debt') = (debt_id IS NOT NULL))
);
CREATE INDEX payment_allocation_payment ON payment_allocation (payment_id);
CREATE INDEX payment_allocation_debt ON payment_allocation (debt_id) WHERE debt_id IS NOT NULL;

CREATE FUNCTION ledger_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: record a correcting payment instead', TG_TABLE_NAME;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER payment_append_only BEFORE UPDATE OR DELETE ON payment
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER payment_allocation_append_only BEFORE UPDATE OR DELETE ON payment_allocation
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();

-- ---------------------------------------------------------------------------------------------
-- KPIs from the ledger, keeping V12/V13's rollup approach. Field payments mirror PAID visits that
-- are not REJECTED (the server writes one with each such visit), and their money and their effect
-- on promises are already counted by the visit rollups (visit_kpi_daily.collected, promise_state),
-- which also follow an operator's correction of a visit. So the rollups below count every OTHER
-- source, and "collected" is visit_kpi_daily's plus payment_kpi_daily's.
CREATE TABLE payment_kpi_daily (
  local_day date          NOT NULL,
  segment   text,
  payments  integer       NOT NULL CHECK (payments >= 0),
  collected numeric(16,2) NOT NULL,
  CONSTRAINT payment_kpi_daily_key UNIQUE NULLS NOT DISTINCT (local_day, segment)
);

CREATE FUNCTION payment_kpi_add(p_day date, p_segment text, p_payments integer, p_amount numeric) RETURNS void AS $$
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

-- A promise is kept by a PAID visit (V13) or by a payment of another source in its window.
CREATE OR REPLACE FUNCTION promise_is_kept(p_debtor bigint, p_made_at timestamptz, p_due date) RETURNS boolean AS $$
  SELECT p_due IS NOT NULL AND (EXISTS (SELECT 1 FROM visit pay WHERE pay.debtor_id = p_debtor
      AND pay.outcome = 'PAID' AND pay.status <> 'REJECTED' AND pay.check_in_at >= p_made_at
      AND pay.check_in_at < promise_due_end(p_due))
    OR EXISTS (SELECT 1 FROM payment pay WHERE pay.debtor_id = p_debtor AND pay.source <> 'field'
      AND pay.paid_at >= p_made_at AND pay.paid_at < promise_due_end(p_due)))
$$ LANGUAGE sql STABLE;

CREATE FUNCTION payment_kpi_rollup() RETURNS trigger AS $$
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

CREATE TRIGGER payment_kpi_rollup AFTER INSERT ON payment FOR EACH ROW EXECUTE FUNCTION payment_kpi_rollup();

-- A debtor whose segment changes takes its payments to the new segment (as V12 its visits).
CREATE FUNCTION debtor_payment_kpi() RETURNS trigger AS $$
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

CREATE TRIGGER debtor_payment_kpi AFTER UPDATE OF segment ON debtor
  FOR EACH ROW WHEN (OLD.segment IS DISTINCT FROM NEW.segment) EXECUTE FUNCTION debtor_payment_kpi();

CREATE FUNCTION payment_kpi_rebuild(p_zone text) RETURNS void AS $$
BEGIN
  DELETE FROM payment_kpi_daily;
  INSERT INTO payment_kpi_daily (local_day, segment, payments, collected)
  SELECT (p.paid_at AT TIME ZONE p_zone)::date, d.segment, count(*), sum(p.amount)
  FROM payment p JOIN debtor d ON d.id = p.debtor_id
  WHERE p.source <> 'field'
  GROUP BY 1, 2;
END $$ LANGUAGE plpgsql;

-- V13's rebuild (zone change, bench bulk load), now with the ledger's payments in the kept test and
-- the payment rollup rebuilt in the same zone.
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
  DELETE FROM promise_kpi_daily;
  INSERT INTO promise_kpi_daily (local_day, agent_id, segment, promises, kept)
  SELECT s.made_day, s.agent_id, d.segment, count(*), count(*) FILTER (WHERE s.kept)
  FROM promise_state s JOIN debtor d ON d.id = s.debtor_id
  WHERE s.due_date IS NOT NULL
  GROUP BY 1, 2, 3;
  PERFORM payment_kpi_rebuild(p_zone);
END $$ LANGUAGE plpgsql;

-- The field payments of the PAID visits recorded before the ledger, so each debtor's payments list
-- is complete; 'prior': the balances imported since already reflected them.
INSERT INTO payment (debtor_id, amount, currency, paid_at, reference, source, visit_id, recorded_by, recorded_at)
SELECT v.debtor_id, (v.outcome_details->>'amount')::numeric, coalesce(v.outcome_details->>'currency', 'XXX'), v.check_in_at,
       'visit-' || v.id, 'field', v.id, v.agent_id, v.received_at
FROM visit v
WHERE v.outcome = 'PAID' AND v.status <> 'REJECTED'
  AND (v.outcome_details->>'amount')::numeric BETWEEN 0.01 AND 999999999999.99;
INSERT INTO payment_allocation (payment_id, kind, amount) SELECT id, 'prior', amount FROM payment;
