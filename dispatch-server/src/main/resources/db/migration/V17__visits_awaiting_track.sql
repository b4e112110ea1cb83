-- Visits rejected for want of track are judged again when their late track arrives (LateTrackRejudging).
-- Each node reads the recent ones at start and every 30 s: a partial index keeps that read to the
-- rejected visits of the re-judging period, however many visits the table holds.
CREATE INDEX visit_rejected_received ON visit (received_at) WHERE status = 'REJECTED';
