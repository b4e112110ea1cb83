-- Payment agreements (convenios de pago, issue #15 item 2): installments with dates and amounts over
-- some of a debtor's contracts. Created confirmed by a dispatcher, or proposed by an agent as a
-- visit outcome (AGREEMENT) and confirmed later. The grace is part of the terms when the agreement
-- is confirmed (CAMPO_AGREEMENT_GRACE_DAYS then), so changing the setting never breaks an old agreement;
-- a proposal not yet confirmed is judged with none.
ALTER TABLE visit DROP CONSTRAINT visit_outcome_check;
ALTER TABLE visit ADD CONSTRAINT visit_outcome_check
  CHECK (outcome IN ('PAID', 'PROMISE', 'NO_CONTACT', 'REFUSED', 'WRONG_ADDRESS', 'INCIDENT', 'AGREEMENT'));

CREATE TABLE agreement (
  id           bigserial   PRIMARY KEY,
  debtor_id    bigint      NOT NULL REFERENCES debtor (id),
  currency     char(3)     NOT NULL,
  contracts    text[]      NOT NULL CHECK (cardinality(contracts) > 0),
  grace_days   integer     CHECK (grace_days >= 0),   -- set when confirmed: the setting then
  starts_at    timestamptz NOT NULL,       -- payments from here on count toward it
  status       text        NOT NULL CHECK (status IN ('proposed', 'confirmed')),
  proposed_by  text        NOT NULL,
  visit_id     bigint      UNIQUE,         -- the visit that proposed it, if any
  confirmed_by text,
  confirmed_at timestamptz,
  CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL)),
  CHECK (status = 'proposed' OR grace_days IS NOT NULL)
);
CREATE INDEX agreement_debtor ON agreement (debtor_id);

CREATE TABLE agreement_installment (
  agreement_id bigint        NOT NULL REFERENCES agreement (id),
  seq          integer       NOT NULL CHECK (seq >= 1),
  due_date     date          NOT NULL,
  amount       numeric(14,2) NOT NULL CHECK (amount > 0),
  PRIMARY KEY (agreement_id, seq)
);

-- The one definition of installment states, read by the agreements API and the planner alike.
-- The debtor's payments in the agreement's currency since it started, made by the end of p_day in the
-- agency's zone, pay its installments in order. An installment they cover is 'paid' (also when
-- covered late: a late payment cures it); else 'due' up to its date, 'late' for grace_days more,
-- then 'missed', which makes the agreement broken. p_agreement or p_debtor null: every one.
CREATE FUNCTION agreement_installment_states(p_day date, p_agreement bigint, p_debtor bigint)
RETURNS TABLE (agreement_id bigint, seq integer, due_date date, amount numeric, covered numeric, state text) AS $$
  SELECT i.agreement_id, i.seq, i.due_date, i.amount,
         least(i.amount, greatest(0, paid.total - (i.cum - i.amount))),
         CASE WHEN paid.total >= i.cum THEN 'paid'
              WHEN p_day <= i.due_date THEN 'due'
              WHEN p_day <= i.due_date + coalesce(a.grace_days, 0) THEN 'late'
              ELSE 'missed' END
  FROM agreement a
  JOIN (SELECT x.*, sum(x.amount) OVER (PARTITION BY x.agreement_id ORDER BY x.seq) AS cum FROM agreement_installment x
        WHERE (p_agreement IS NULL OR x.agreement_id = p_agreement)) i ON i.agreement_id = a.id
  CROSS JOIN LATERAL (SELECT coalesce(sum(p.amount), 0) AS total FROM payment p WHERE p.debtor_id = a.debtor_id
      AND p.currency = a.currency AND p.paid_at >= a.starts_at AND p.paid_at < promise_due_end(p_day)) paid
  WHERE (p_agreement IS NULL OR a.id = p_agreement) AND (p_debtor IS NULL OR a.debtor_id = p_debtor)
$$ LANGUAGE sql STABLE;
