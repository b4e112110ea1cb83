package io.campo.server.watch;

import java.time.Instant;

/** A stored fix, as much of it as the alert conditions read. */
record TrackPoint(Instant at, double lat, double lon) {}
