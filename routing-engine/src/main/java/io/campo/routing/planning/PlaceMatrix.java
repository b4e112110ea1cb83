package io.campo.routing.planning;

import io.campo.routing.api.TravelMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The travel matrices of one profile with the plan's places indexed: visits by visit id, and the
 * start and end of each agent of that profile by agent id.
 *
 * <p>A day too big for one matrix is planned by region ({@link DayRegions}), each region with its
 * own matrix; the regions' matrices are then joined here as blocks of one index space. A trip
 * between places of two regions has no travel time at all ({@link #sameRegion} is false): no
 * route may cross regions, and {@link RouteChecker} reports one that does.
 *
 * <p>Immutable and thread-safe.
 */
public final class PlaceMatrix {

    private final List<TravelMatrix> regions;
    /** Index of each region's first place; {@code offsets[regions.size()]} is the total size. */
    private final int[] offsets;
    private final Map<String, Integer> visitIndex;
    private final Map<String, Integer> agentStartIndex;
    private final Map<String, Integer> agentEndIndex;

    /** One matrix, one region: the indices are the matrix's own. */
    public PlaceMatrix(TravelMatrix matrix, Map<String, Integer> visitIndex, Map<String, Integer> agentStartIndex,
                       Map<String, Integer> agentEndIndex) {
        this(List.of(Objects.requireNonNull(matrix, "matrix")), new int[]{0, matrix.size()}, visitIndex, agentStartIndex, agentEndIndex);
    }

    private PlaceMatrix(List<TravelMatrix> regions, int[] offsets, Map<String, Integer> visitIndex,
                        Map<String, Integer> agentStartIndex, Map<String, Integer> agentEndIndex) {
        this.regions = List.copyOf(regions);
        this.offsets = offsets;
        this.visitIndex = Map.copyOf(visitIndex);
        this.agentStartIndex = Map.copyOf(agentStartIndex);
        this.agentEndIndex = Map.copyOf(agentEndIndex);
    }

    /**
     * The regions' matrices side by side: the places of part k are numbered after those of parts
     * 0..k-1. Ids must be unique across the parts (a visit belongs to one region).
     *
     * @throws IllegalArgumentException when an id appears in two parts
     */
    public static PlaceMatrix joined(List<PlaceMatrix> parts) {
        List<TravelMatrix> regions = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        Map<String, Integer> visits = new HashMap<>();
        Map<String, Integer> starts = new HashMap<>();
        Map<String, Integer> ends = new HashMap<>();
        int base = 0;
        for (PlaceMatrix part : parts) {
            for (int r = 0; r < part.regions.size(); r++) {
                regions.add(part.regions.get(r));
                offsets.add(base + part.offsets[r]);
            }
            putShifted(visits, part.visitIndex, base, "visit");
            putShifted(starts, part.agentStartIndex, base, "agent start");
            putShifted(ends, part.agentEndIndex, base, "agent end");
            base += part.size();
        }
        offsets.add(base);
        return new PlaceMatrix(regions, offsets.stream().mapToInt(Integer::intValue).toArray(), visits, starts, ends);
    }

    private static void putShifted(Map<String, Integer> into, Map<String, Integer> from, int base, String what) {
        from.forEach((id, index) -> {
            if (into.putIfAbsent(id, base + index) != null)
                throw new IllegalArgumentException(what + " " + id + " is in two regions' matrices");
        });
    }

    /** Number of places over all regions. */
    public int size() {
        return offsets[regions.size()];
    }

    /** How many regions (matrices) the places fall into; 1 for a day planned whole. */
    public int regionCount() {
        return regions.size();
    }

    /** The region place {@code place} belongs to, 0-based. */
    public int region(int place) {
        Objects.checkIndex(place, size());
        int found = Arrays.binarySearch(offsets, 0, regions.size(), place);
        // offsets are strictly increasing except for empty regions, whose offset repeats the next one's
        if (found < 0) return -found - 2;
        while (found + 1 < regions.size() && offsets[found + 1] == place) found++;
        return found;
    }

    /** Whether one matrix holds the trip between the two places; false means no route may take it. */
    public boolean sameRegion(int from, int to) {
        return region(from) == region(to);
    }

    /** Whether {@code to} can be reached from {@code from}; never across regions. */
    public boolean isReachable(int from, int to) {
        int region = region(from);
        return region == region(to) && regions.get(region).isReachable(from - offsets[region], to - offsets[region]);
    }

    /** Travel time in seconds; +infinity when unreachable or across regions. */
    public double seconds(int from, int to) {
        int region = region(from);
        return region != region(to) ? Double.POSITIVE_INFINITY : regions.get(region).seconds(from - offsets[region], to - offsets[region]);
    }

    /** Road distance in metres; +infinity when unreachable or across regions. */
    public double meters(int from, int to) {
        int region = region(from);
        return region != region(to) ? Double.POSITIVE_INFINITY : regions.get(region).meters(from - offsets[region], to - offsets[region]);
    }

    public Map<String, Integer> visitIndex() {
        return visitIndex;
    }

    public Map<String, Integer> agentStartIndex() {
        return agentStartIndex;
    }

    public Map<String, Integer> agentEndIndex() {
        return agentEndIndex;
    }

    OptionalInt visit(String visitId) {
        Integer index = visitIndex.get(visitId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    OptionalInt agentStart(String agentId) {
        Integer index = agentStartIndex.get(agentId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    OptionalInt agentEnd(String agentId) {
        Integer index = agentEndIndex.get(agentId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }
}
