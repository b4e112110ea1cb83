-- Issue #15 item 5: "promise or installment due tomorrow -> reminder". A strategy may select the debtors with an
-- agreement installment dated tomorrow and not yet covered by the ledger (Strategies' installment_due_tomorrow).
ALTER TABLE outreach_strategy DROP CONSTRAINT outreach_strategy_rule_check;
ALTER TABLE outreach_strategy ADD CONSTRAINT outreach_strategy_rule_check
  CHECK (rule IN ('days_from_due', 'promise_due_tomorrow', 'promise_broken', 'installment_due_tomorrow'));

-- The daily run reads one day's installments, not every agreement's.
CREATE INDEX agreement_installment_due ON agreement_installment (due_date);
