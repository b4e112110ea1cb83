-- Teams scope what office users see: a dispatcher or manager sees the agents of their teams
-- only; an admin sees everyone. An agent belongs to at most one team (or none, visible to
-- admins only); a user may belong to several.
CREATE TABLE team (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_team (
  username text NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
  team_id  text NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  PRIMARY KEY (username, team_id)
);

-- ON DELETE SET NULL: removing a team hides its agents from its dispatchers, it never deletes them.
ALTER TABLE agent ADD COLUMN team_id text REFERENCES team (id) ON DELETE SET NULL;
CREATE INDEX agent_team_idx ON agent (team_id);
