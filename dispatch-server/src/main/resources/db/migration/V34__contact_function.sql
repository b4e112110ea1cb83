-- What counts as a contact: a visit outcome that means the agent reached the debtor (or someone
-- answering for the debtor). NO_CONTACT (nobody opened) and WRONG_ADDRESS (the debtor does not live
-- there) are not contacts; every other outcome is (PAID, PROMISE, REFUSED, INCIDENT, AGREEMENT).
-- Whether a visit counts at all (it is not REJECTED) is the caller's business: that is the attempt
-- rule, not this one.
--
-- The one definition of this rule: the rollups (R__report_functions.sql) and the report queries in
-- Java call it. A null outcome is not a contact. LANGUAGE sql, IMMUTABLE and a single
-- expression, so the planner inlines it into the calling query (no function call per row, and the
-- report benchmarks keep their plans). Changing the rule changes history: do it in a new versioned
-- migration that redefines this function AND rebuilds the rollups.
CREATE FUNCTION campo_is_contact(p_outcome text) RETURNS boolean AS $$
  SELECT p_outcome IS NOT NULL AND p_outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS')
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
