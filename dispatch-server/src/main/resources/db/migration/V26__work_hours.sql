-- Work-hours-only tracking (issue #17): fixes an agent's phone takes off duty are acknowledged but never stored.
-- One schedule per agent, in the agency's wall-clock time (CAMPO_TIME_ZONE); no row = tracked at all hours. The
-- weekly spans and dated exceptions are kept as the API's own JSON, already validated by the server.
CREATE TABLE agent_schedule (
  agent_id    text PRIMARY KEY REFERENCES agent(id) ON DELETE CASCADE,
  weekly      jsonb NOT NULL CHECK (jsonb_typeof(weekly) = 'array'),
  exceptions  jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(exceptions) = 'array'),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL
);

-- Every shift started or ended from the agent app: the audit (who, when, what) and, while it lasts, an override of
-- the schedule that ingest honours. Rows are never updated; a later action wins over an earlier one.
CREATE TABLE agent_shift_action (
  id          bigserial PRIMARY KEY,
  agent_id    text NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
  action      text NOT NULL CHECK (action IN ('start', 'end')),
  at          timestamptz NOT NULL,
  until       timestamptz NOT NULL CHECK (until > at),
  by_user     text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_shift_action_until ON agent_shift_action (until);
CREATE INDEX agent_shift_action_agent ON agent_shift_action (agent_id, at);
