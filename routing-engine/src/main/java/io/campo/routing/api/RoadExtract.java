package io.campo.routing.api;

import java.util.List;

/**
 * The roads found in a bounding box.
 *
 * @param truncated true when more roads matched than the requested maximum; {@code segments} then holds the maximum
 */
public record RoadExtract(List<RoadSegment> segments, boolean truncated) {}
