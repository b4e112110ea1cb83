-- Debtors belong to teams as agents do (V9): a dispatcher or manager sees the debtors of their teams
-- only; an admin sees every debtor. A debtor without a team is seen by admins only, like an agent
-- without one, so that a missing assignment never widens who can read a debtor's file.
-- ON DELETE SET NULL: removing a team hides its debtors from its dispatchers, it never deletes them.
ALTER TABLE debtor ADD COLUMN team_id text REFERENCES team (id) ON DELETE SET NULL;
CREATE INDEX debtor_team_idx ON debtor (team_id);
