package io.campo.routing.api;

import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TravelProfile;

import java.util.List;
import java.util.Objects;

/**
 * Travel time (seconds) and road distance (metres) between every ordered pair of N snapped
 * points for one profile; entry (i, j) is the trip from point i to point j, which may differ
 * from (j, i) because of one-way streets. The diagonal is zero.
 *
 * <p>Pairs with no route (an agent cannot drive out of a one-way dead end) are unreachable:
 * {@link #isReachable} is false and both values are {@link Double#POSITIVE_INFINITY}.
 *
 * <p>Values are stored as floats (N = 3,000 points take 72 MB instead of 144 MB); that keeps
 * times within a millisecond and distances within a centimetre for city-scale trips.
 *
 * <p>Immutable and thread-safe.
 */
public final class TravelMatrix {

    private final TravelProfile profile;
    private final List<SnappedPoint> points;
    private final float[] seconds;
    private final float[] meters;

    public TravelMatrix(TravelProfile profile, List<SnappedPoint> points, float[] seconds, float[] meters) {
        this.profile = Objects.requireNonNull(profile);
        this.points = List.copyOf(points);
        int cells = points.size() * points.size();
        if (seconds.length != cells || meters.length != cells)
            throw new IllegalArgumentException("expected " + cells + " cells for " + points.size() + " points");
        this.seconds = seconds;
        this.meters = meters;
    }

    public TravelProfile profile() {
        return profile;
    }

    /** Number of points N; the matrix is N x N. */
    public int size() {
        return points.size();
    }

    /** The points in matrix order: index i in this list is row and column i. */
    public List<SnappedPoint> points() {
        return points;
    }

    /** Whether point {@code to} can be reached from point {@code from} at all. */
    public boolean isReachable(int from, int to) {
        return Float.isFinite(seconds[cell(from, to)]);
    }

    /** Travel time from point {@code from} to point {@code to} in seconds; +infinity when unreachable. */
    public double seconds(int from, int to) {
        return seconds[cell(from, to)];
    }

    /** Road distance from point {@code from} to point {@code to} in metres; +infinity when unreachable. */
    public double meters(int from, int to) {
        return meters[cell(from, to)];
    }

    private int cell(int from, int to) {
        Objects.checkIndex(from, points.size());
        Objects.checkIndex(to, points.size());
        return from * points.size() + to;
    }
}
