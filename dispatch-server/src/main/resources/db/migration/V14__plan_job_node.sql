-- Cluster mode (#7): which node runs each planning job (its event-bus node id, new at each start), so that a node
-- starting or a periodic check fails only the jobs of nodes that are gone, not those another live node is running.
ALTER TABLE plan_job ADD COLUMN node_id text;
