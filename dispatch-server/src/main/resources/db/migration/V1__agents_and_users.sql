-- Agents are the people in the field; each device authenticates as its agent with a token
-- that is stored only as a SHA-256 hash (the token is 256 random bits, so a slow password
-- hash would add nothing but cost at every reconnection storm).
CREATE TABLE agent (
  id                text PRIMARY KEY,
  name              text NOT NULL,
  device_token_hash text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  username      text PRIMARY KEY,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'dispatcher', 'manager', 'agent')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Secrets every node must share (the JWT signing key), generated once by the first server.
CREATE TABLE server_secret (
  name  text PRIMARY KEY,
  value bytea NOT NULL
);
