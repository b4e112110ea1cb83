package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.ruin.RuinClusters;
import com.graphhopper.jsprit.core.algorithm.ruin.RuinStrategy;
import com.graphhopper.jsprit.core.algorithm.ruin.listener.RuinListener;
import com.graphhopper.jsprit.core.problem.job.Job;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;

import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes jsprit's cluster ruins take turns in the whole JVM. Its DBSCAN clusterer numbers the jobs of a route with a
 * static counter that is not thread-safe (jsprit 1.9.0-beta.11, {@code DBSCANClusterer.LocationWrapper.objCounter}):
 * two searches clustering at once can give two jobs of one route the same number, one job then stands for the other in
 * the clusterer's distances, and which jobs are removed depends on thread timing. A work-bounded solve then repeated its
 * seed's result in most runs and not in all (C109-long seed 2 after eight other instances: 5,202 iterations in most
 * runs, 5,181 and 5,279 in two).
 *
 * <p>The turn is held from a cluster ruin's start to its end. The ruin is a small part of an iteration (reinserting is
 * the costly part) and one strategy of several, so two searches seldom wait for each other; every search of every solve
 * shares the turn, because the counter is shared by all of them.
 *
 * <p>Thread-safe.
 */
final class ClusterRuinTurns implements RuinListener {

    private static final ReentrantLock TURN = new ReentrantLock();
    private static final ClusterRuinTurns INSTANCE = new ClusterRuinTurns();

    private ClusterRuinTurns() {
    }

    /** Makes every cluster ruin of the algorithm take its turn. */
    static void attach(VehicleRoutingAlgorithm algorithm) {
        for (RuinClusters clusters : AlgorithmRuins.of(algorithm, RuinClusters.class)) clusters.addListener(INSTANCE);
    }

    /** Whether the ruin takes turns. */
    static boolean attached(RuinStrategy ruin) {
        return ruin.getListeners().contains(INSTANCE);
    }

    /** The listener {@link #attach} adds: for tests. */
    static RuinListener listener() {
        return INSTANCE;
    }

    /**
     * Gives the turn back if this thread still holds it: a ruin that threw never reached its end. Called when a search
     * ends, however it ends.
     */
    static void release() {
        while (TURN.isHeldByCurrentThread()) TURN.unlock();
    }

    @Override
    public void ruinStarts(Collection<VehicleRoute> routes) {
        TURN.lock();
    }

    @Override
    public void ruinEnds(Collection<VehicleRoute> routes, Collection<Job> unassignedJobs) {
        if (TURN.isHeldByCurrentThread()) TURN.unlock();
    }

    @Override
    public void removed(Job job, VehicleRoute fromRoute) {
        // the turn covers the whole ruin: nothing per job
    }
}
