package io.campo.routing.planning.vrp;

/**
 * Straight-line distances between points on a plane, used as both time and distance: the
 * convention of the VRPTW and orienteering literature (Solomon, Vansteenwegen), where a vehicle
 * covers one distance unit per time unit.
 *
 * <p>Benchmarks truncate each arc to a fixed number of decimals because the published
 * best-known values were computed that way (DIMACS: one decimal); comparing against them with
 * untruncated arcs would flatter or punish the solver by up to 0.1 per arc.
 *
 * <p>Immutable and thread-safe; the N x N values are computed once (N = 101 for Solomon).
 */
public final class EuclideanMatrix implements CostMatrix {

    private final int size;
    private final double[] values;

    /**
     * @param x        the points' x coordinates
     * @param y        the points' y coordinates
     * @param decimals truncate every arc to this many decimals; negative: keep full precision
     */
    public EuclideanMatrix(double[] x, double[] y, int decimals) {
        if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        size = x.length;
        values = new double[size * size];
        double scale = decimals < 0 ? 0 : Math.pow(10, decimals);
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double d = Math.hypot(x[i] - x[j], y[i] - y[j]);
                // the small epsilon keeps 12.3 from truncating to 12.2 when hypot returns 12.2999999
                values[i * size + j] = decimals < 0 ? d : Math.floor(d * scale + 1e-9) / scale;
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double time(int from, int to) {
        return values[from * size + to];
    }

    @Override
    public double distance(int from, int to) {
        return values[from * size + to];
    }
}
