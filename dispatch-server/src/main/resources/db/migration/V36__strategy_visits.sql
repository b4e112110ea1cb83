-- Strategy steps that add field visits (issue #15 item 5: "due + 7 -> add a field visit with raised value to the
-- planner's pool; broken promise -> visit"). A step is a message (as before) or a visit: a visit step sends nothing,
-- it marks the debtors its rule selects that day so that plans drawn from the portfolio value them higher (and, when
-- the step says so, as must-visits) until someone visits them or they pay.
ALTER TABLE outreach_strategy ADD COLUMN kind text NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'visit'));
-- How much a visit step raises the debtor's visit value (1.5: by half), and whether the plan must include it.
ALTER TABLE outreach_strategy ADD COLUMN value_factor numeric(4, 2) CHECK (value_factor >= 1 AND value_factor <= 10);
ALTER TABLE outreach_strategy ADD COLUMN must_visit boolean NOT NULL DEFAULT false;
ALTER TABLE outreach_strategy ALTER COLUMN channel DROP NOT NULL;
ALTER TABLE outreach_strategy ALTER COLUMN template_id DROP NOT NULL;
ALTER TABLE outreach_strategy ADD CONSTRAINT outreach_strategy_step CHECK (
  (kind = 'message' AND channel IS NOT NULL AND template_id IS NOT NULL)
  OR (kind = 'visit' AND channel IS NULL AND template_id IS NULL AND value_factor IS NOT NULL));
-- promise_broken: an unkept promise dated offset_days before today (1: the promise was for yesterday).
ALTER TABLE outreach_strategy DROP CONSTRAINT outreach_strategy_rule_check;
ALTER TABLE outreach_strategy ADD CONSTRAINT outreach_strategy_rule_check
  CHECK (rule IN ('days_from_due', 'promise_due_tomorrow', 'promise_broken'));

-- The planner's pool: one row per (strategy, debtor, local day) a visit step selected; the key makes a second run of
-- the same day (another node, a restart) add nothing. A row is open for plans of the days from run_date on until a
-- visit (not rejected) or a payment is recorded after added_at, or 30 days have passed (StrategyVisitPool).
CREATE TABLE strategy_visit (
  strategy_id  bigint        NOT NULL REFERENCES outreach_strategy (id),
  debtor_id    bigint        NOT NULL REFERENCES debtor (id),
  run_date     date          NOT NULL,
  value_factor numeric(4, 2) NOT NULL,
  must_visit   boolean       NOT NULL,
  added_at     timestamptz   NOT NULL,
  PRIMARY KEY (strategy_id, debtor_id, run_date)
);
CREATE INDEX strategy_visit_day ON strategy_visit (run_date);
