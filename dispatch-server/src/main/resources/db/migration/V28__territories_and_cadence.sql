-- Issue #17 item 2: plans per team, debtors of one agent or of a zone, re-plans.

-- One running planning job per team and date (was: per date for the whole agency, so a second team planning the same
-- day got 409). A plan without a team (an admin's plan of listed visits only) counts as the team ''.
ALTER TABLE plan_job ADD COLUMN team_id text;
-- A re-plan (POST /api/plans/{id}/replan) is a new job of the same date; it names the plan it re-optimised.
ALTER TABLE plan_job ADD COLUMN replan_of bigint REFERENCES plan_job (id);
DROP INDEX plan_job_one_running_per_date;
CREATE UNIQUE INDEX plan_job_one_running_per_team_date ON plan_job (coalesce(team_id, ''), plan_date) WHERE status = 'running';

-- A debtor may be reserved for one agent (the one who knows the family, the one the debtor trusts): plans that draw
-- from the portfolio route it to that agent only, and leave it out of plans without that agent.
ALTER TABLE debtor ADD COLUMN agent_id text REFERENCES agent (id) ON DELETE SET NULL;

-- A zone of a team's territory (GeoJSON Polygon, [lon, lat]) and the agent who works it: debtors whose address lies
-- inside go to that agent, unless the debtor itself names an agent. Checked in memory with JTS (no PostGIS).
CREATE TABLE territory (
  id         text        PRIMARY KEY,
  team_id    text        NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  agent_id   text        REFERENCES agent (id) ON DELETE SET NULL,
  name       text        NOT NULL,
  polygon    jsonb       NOT NULL,
  updated_by text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX territory_team_idx ON territory (team_id);
