-- A batch of door crossings recorded in one call instead of three statements each (open or close the stay in
-- door_presence, then the event): at a full ingest rate a crossing comes every ~70 fixes, and the round trips were
-- most of the cost of watching the doors. The rules are V37's, applied in the batch's order (an arrival and the
-- departure that follows it may share a batch):
-- - an arrival counts only if it opens a stay, or replaces one older than p_stale_secs (a departure lost);
-- - a departure counts only if it closes a stay that began at or before it;
-- - an event already recorded (the same fix sent again) counts nothing.
-- Returns the 1-based positions of the crossings recorded, in order.
CREATE FUNCTION door_crossings_record(p_agent text[], p_address bigint[], p_debtor bigint[], p_arrival boolean[],
    p_at timestamptz[], p_lat double precision[], p_lon double precision[], p_stale_secs bigint)
RETURNS SETOF integer AS $$
DECLARE
  i integer;
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_agent, 1), 0) LOOP
    IF p_arrival[i] THEN
      INSERT INTO door_presence AS p (agent_id, address_id, arrived_at) VALUES (p_agent[i], p_address[i], p_at[i])
        ON CONFLICT (agent_id, address_id) DO UPDATE SET arrived_at = EXCLUDED.arrived_at
        WHERE p.arrived_at < EXCLUDED.arrived_at - make_interval(secs => p_stale_secs);
    ELSE
      DELETE FROM door_presence WHERE agent_id = p_agent[i] AND address_id = p_address[i] AND arrived_at <= p_at[i];
    END IF;
    CONTINUE WHEN NOT FOUND; -- another node recorded this stay's beginning or end already
    INSERT INTO geofence_event (agent_id, address_id, debtor_id, kind, at, lat, lon)
    VALUES (p_agent[i], p_address[i], p_debtor[i], CASE WHEN p_arrival[i] THEN 'arrival' ELSE 'departure' END, p_at[i],
            p_lat[i], p_lon[i])
    ON CONFLICT DO NOTHING;
    IF FOUND THEN
      RETURN NEXT i;
    END IF;
  END LOOP;
END $$ LANGUAGE plpgsql;
