-- Device credentials can be cut off (a lost or stolen phone). A disabled agent's devices are refused at
-- MQTT CONNECT, at POST /api/auth/device and on every phone route. Rotating the device token or
-- disabling/enabling the agent moves credentials_generation on (from the sequence V15 made, so a value
-- is never reused): phone JWTs carry it as claim "gen" (absent = 0, the value of agents that exist now),
-- and MQTT connections remember the one they authenticated with, so every node ends what was opened
-- with the old credentials at its next look at the agents (agent.AgentStandings).
ALTER TABLE agent ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE agent ADD COLUMN credentials_generation bigint NOT NULL DEFAULT 0;

-- MQTT sessions belong to an agent and a client id together: an agent connecting with a colleague's
-- client id must neither take over nor erase the colleague's session.
ALTER TABLE mqtt_session DROP CONSTRAINT mqtt_session_pkey;
ALTER TABLE mqtt_session ADD PRIMARY KEY (agent_id, client_id);
CREATE INDEX mqtt_session_client ON mqtt_session (client_id);
