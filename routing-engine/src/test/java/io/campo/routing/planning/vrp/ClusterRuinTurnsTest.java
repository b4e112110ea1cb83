package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.ruin.DBSCANClusterer;
import com.graphhopper.jsprit.core.algorithm.ruin.listener.RuinListener;
import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.job.Job;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cluster ruins of different threads, one at a time. */
class ClusterRuinTurnsTest {

    private final RuinListener turns = ClusterRuinTurns.listener();

    @AfterEach
    void giveTheTurnBack() {
        ClusterRuinTurns.release();  // a failed test must not leave the other tests of this JVM waiting
    }

    @Test
    void jspritsClustererGivesEveryThreadTheSameClustersWhenRuinsTakeTurns() throws Exception {
        // without the turns, 284 of 182,668 such calls on four threads gave other clusters (the static counter's race)
        VehicleRoutingProblem.Builder builder = VehicleRoutingProblem.Builder.newInstance();
        VehicleImpl vehicle = VehicleImpl.Builder.newInstance("v").setStartLocation(Location.newInstance(0, 0)).build();
        builder.addVehicle(vehicle);
        Random random = new Random(1);
        List<Service> jobs = new ArrayList<>();
        for (int j = 0; j < 40; j++) {
            jobs.add(Service.Builder.newInstance("j" + j).setLocation(Location.newInstance(random.nextInt(100), random.nextInt(100))).build());
        }
        jobs.forEach(builder::addJob);
        VehicleRoutingProblem vrp = builder.build();
        VehicleRoute.Builder route = VehicleRoute.Builder.newInstance(vehicle).setJobActivityFactory(vrp.getJobActivityFactory());
        jobs.forEach(route::addService);
        VehicleRoute built = route.build();
        Callable<String> clusters = () -> {
            turns.ruinStarts(List.of());
            try {
                DBSCANClusterer clusterer = new DBSCANClusterer(vrp.getTransportCosts());
                clusterer.setMinPts(2);
                clusterer.setEpsDistance(15);
                return clusterer.getClusters(built).stream().map(cluster -> cluster.stream().map(Job::getId).toList()).toList().toString();
            } finally {
                turns.ruinEnds(List.of(), List.of());
            }
        };
        String alone = clusters.call();

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            int calls = 0;
            while (System.nanoTime() < until) {
                List<Future<String>> round = new ArrayList<>();
                for (int t = 0; t < 4; t++) round.add(threads.submit(clusters));
                for (Future<String> result : round) {
                    assertEquals(alone, result.get(10, TimeUnit.SECONDS), "call " + calls);
                    calls++;
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aClusterRuinOnAnotherThreadWaitsUntilTheFirstEnds() throws Exception {
        turns.ruinStarts(List.of());

        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            turns.ruinStarts(List.of());
            turns.ruinEnds(List.of(), List.of());
            return "ruined";
        });
        Thread.sleep(100);
        assertFalse(other.isDone(), "the second ruin waits for its turn");

        turns.ruinEnds(List.of(), List.of());
        assertEquals("ruined", other.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aTurnLeftByARuinThatNeverEndedIsGivenBackWhenItsSearchEnds() throws Exception {
        turns.ruinStarts(List.of());  // a ruin that threw: no ruinEnds
        ClusterRuinTurns.release();

        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            turns.ruinStarts(List.of());
            turns.ruinEnds(List.of(), List.of());
            return "ruined";
        });
        assertEquals("ruined", other.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anEndWithoutAStartGivesNothingBack() throws Exception {
        CompletableFuture<Void> holder = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread other = new Thread(() -> {
            turns.ruinStarts(List.of());
            holder.complete(null);
            done.join();
            turns.ruinEnds(List.of(), List.of());
        });
        other.start();
        holder.get(10, TimeUnit.SECONDS);

        turns.ruinEnds(List.of(), List.of());  // this thread holds no turn: the other's stays held
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> {
            turns.ruinStarts(List.of());
            turns.ruinEnds(List.of(), List.of());
            return true;
        });
        Thread.sleep(100);
        assertFalse(third.isDone());
        done.complete(null);
        assertTrue(third.get(10, TimeUnit.SECONDS));
        other.join(10_000);
    }
}
