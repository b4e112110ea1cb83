package io.campo.routing.matrix;

import io.campo.routing.api.TravelMatrix;

import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.index.Snap;
import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.network.ProfileGraph;
import io.campo.routing.network.RoadNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Computes {@link TravelMatrix}es: travel time and distance between all pairs of N snapped
 * points, with one search per point instead of one route per pair.
 *
 * <p>Bucket-based many-to-many on the profile's contraction hierarchy: a backward upward search
 * from every target leaves (target, cost) entries in buckets at the nodes it settles; a forward
 * upward search from every source then scans the buckets of the nodes it settles, and each
 * target's cheapest bucket entry gives the shortest route. Time and distance ride along with
 * the weight, so an entry equals what a GraphHopper route query between the same two points
 * reports. Both phases run in parallel across points on a small, owned thread pool.
 *
 * <p>The first matrix of a profile also flattens its hierarchy into arrays (tens of
 * milliseconds for a city), kept for the calculator's lifetime; call {@link #warmUp} at start-up
 * to keep that out of the first request.
 *
 * <p>Thread-safe: concurrent {@link #calculate} calls share the pool. {@link #close()} stops the
 * pool; the {@link RoadNetwork} must stay open while matrices are computed.
 */
public final class MatrixCalculator implements AutoCloseable {

    /** 10,000 points already take 800 MB of matrix; beyond that a day plan should be split anyway. */
    public static final int MAX_POINTS = 10_000;

    private final RoadNetwork network;
    private final ExecutorService pool;
    private final int threads;
    private final Map<TravelProfile, UpwardGraph> upwardGraphs = new ConcurrentHashMap<>();

    /**
     * @param threads worker threads; the number of cores is the sensible maximum, since the work
     *                is pure computation on memory
     */
    public MatrixCalculator(RoadNetwork network, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        this.network = network;
        this.threads = threads;
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "campo-matrix-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Prepares the profile's flattened hierarchy now instead of on the first matrix. */
    public void warmUp(TravelProfile profile) {
        upwardGraph(network.profileGraph(profile));
    }

    /**
     * The matrix between all given points, in the given order.
     *
     * @param points  points snapped for {@code profile} by {@link RoadNetwork#snap}; may be empty
     * @param profile how the trips are made
     * @throws io.campo.routing.api.UnknownProfileException when the network lacks {@code profile}
     * @throws IllegalArgumentException when a point was snapped for another profile
     */
    public TravelMatrix calculate(List<SnappedPoint> points, TravelProfile profile) {
        ProfileGraph graph = network.profileGraph(profile);
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).profile() != profile)
                throw new IllegalArgumentException("point " + i + " (" + points.get(i).waypoint().name() + ") was snapped for "
                        + points.get(i).profile().profileName() + " but the matrix is for " + profile.profileName()
                        + "; snap it again with this profile");
        }
        int n = points.size();
        if (n > MAX_POINTS)
            throw new IllegalArgumentException(n + " points are too many for one matrix (at most " + MAX_POINTS
                    + "); split the request, e.g. plan per district");
        if (n == 0) return new TravelMatrix(profile, points, new float[0], new float[0]);
        UpwardGraph upward = upwardGraph(graph);

        List<Snap> snaps = resnap(graph, points);
        QueryGraph queryGraph = QueryGraph.create(graph.baseGraph(), snaps);
        int[] nodeOfPoint = new int[n];
        for (int i = 0; i < n; i++) nodeOfPoint[i] = snaps.get(i).getClosestNode();
        int[][] pointsAtVirtualNode = pointsAtVirtualNodes(nodeOfPoint, graph.baseGraph().getNodes(), queryGraph.getNodes());
        Weighting weighting = graph.weighting();

        BucketIndex.SearchSpace[] spaces = new BucketIndex.SearchSpace[n];
        forEachPoint(n, () -> new Worker(new AccessLegs(queryGraph, weighting), new UpwardSearch(upward, false)),
                (worker, target) -> {
                    worker.legs.compute(nodeOfPoint[target], false);
                    worker.search.run(worker.legs);
                    spaces[target] = BucketIndex.copyOf(worker.search);
                });
        BucketIndex buckets = new BucketIndex(upward.nodes, Arrays.asList(spaces));

        float[] seconds = new float[n * n];
        float[] meters = new float[n * n];
        forEachPoint(n, () -> new SourceRow(new AccessLegs(queryGraph, weighting), new UpwardSearch(upward, true),
                        buckets, pointsAtVirtualNode, graph.baseGraph().getNodes(), n),
                (row, source) -> row.compute(nodeOfPoint[source], seconds, meters, source * n));
        return new TravelMatrix(profile, points, seconds, meters);
    }

    private record Worker(AccessLegs legs, UpwardSearch search) {
    }

    /** Runs {@code task} for every point index on the pool, each thread with its own worker state. */
    private <W> void forEachPoint(int n, Supplier<W> workerFactory, BiConsumer<W, Integer> task) {
        AtomicInteger nextPoint = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < Math.min(threads, n); t++) {
                futures.add(pool.submit(() -> {
                    W worker = workerFactory.get();
                    for (int i = nextPoint.getAndIncrement(); i < n; i = nextPoint.getAndIncrement())
                        task.accept(worker, i);
                }));
            }
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("matrix calculator is closed", e);
        }
        try {
            for (Future<?> future : futures) future.get();
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing a matrix", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Snaps the points again from their requested coordinates: GraphHopper's query graph needs
     * its own snap objects (it rewrites them), and the same coordinates with the same filter
     * give the same snap.
     */
    private static List<Snap> resnap(ProfileGraph graph, List<SnappedPoint> points) {
        List<Snap> snaps = new ArrayList<>(points.size());
        for (SnappedPoint point : points) {
            Snap snap = graph.locate(point.waypoint().latitude(), point.waypoint().longitude());
            if (!snap.isValid() || Math.abs(snap.getSnappedPoint().getLat() - point.latitude()) > 1e-6
                    || Math.abs(snap.getSnappedPoint().getLon() - point.longitude()) > 1e-6)
                throw new IllegalArgumentException(point.waypoint().name() + " does not snap where it was snapped before ("
                        + point.latitude() + ", " + point.longitude() + "); it was snapped on another road network");
            snaps.add(snap);
        }
        return snaps;
    }

    /** For each virtual query-graph node (index: node - realNodes), the points snapped onto it. */
    private static int[][] pointsAtVirtualNodes(int[] nodeOfPoint, int realNodes, int queryNodes) {
        int[] count = new int[queryNodes - realNodes];
        for (int node : nodeOfPoint) if (node >= realNodes) count[node - realNodes]++;
        int[][] result = new int[count.length][];
        for (int v = 0; v < count.length; v++) result[v] = new int[count[v]];
        Arrays.fill(count, 0);
        for (int point = 0; point < nodeOfPoint.length; point++) {
            int node = nodeOfPoint[point];
            if (node >= realNodes) result[node - realNodes][count[node - realNodes]++] = point;
        }
        return result;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private UpwardGraph upwardGraph(ProfileGraph graph) {
        return upwardGraphs.computeIfAbsent(graph.profile(), p -> new UpwardGraph(graph.chGraph(),
                new ChEdgeCosts(graph.chGraph(), graph.baseGraph(), graph.weighting())));
    }
}
