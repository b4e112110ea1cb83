-- Which agent stands at which door now, shared by every node: where an agent is lives in the memory of the node that
-- ingests its fixes, so after a reconnection to another node the first fix at the door "arrives" again there. An
-- arrival is recorded only when it opens a row here, a departure only when it closes one: each stay at a door is one
-- arrival and one departure, whichever nodes saw it.
CREATE TABLE door_presence (
  agent_id   text        NOT NULL,
  address_id bigint      NOT NULL,
  arrived_at timestamptz NOT NULL,             -- device time of the arrival recorded
  PRIMARY KEY (agent_id, address_id)
);

-- Agents at a door when this migration runs (their latest event there an arrival, recent enough to be a stay, as
-- DoorEvents' STALE_STAY reads it): their departure must still be recorded.
INSERT INTO door_presence (agent_id, address_id, arrived_at)
SELECT agent_id, address_id, at FROM (
  SELECT DISTINCT ON (agent_id, address_id) agent_id, address_id, kind, at
  FROM geofence_event ORDER BY agent_id, address_id, at DESC, id DESC
) latest
WHERE kind = 'arrival' AND at > now() - interval '12 hours';
