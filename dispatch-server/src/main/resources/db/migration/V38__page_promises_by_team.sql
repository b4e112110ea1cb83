-- The KPI report counts the payment page's promises (no agent) for a team by the debtor's team (KpiQuery's
-- PAGE_PROMISES_OF_TEAMS): the period's page promises, found without reading every agent's promise of the period.
CREATE INDEX promise_state_page_made ON promise_state (made_day) INCLUDE (debtor_id, due_date, kept)
  WHERE page_promise_id IS NOT NULL;
