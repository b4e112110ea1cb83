package io.campo.routing.planning.vrp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Where side-by-side searches of one problem meet at fixed points of their progress and show each other their best and
 * the routes they pooled: each then goes on from the best of them, or from a shorter day made of those routes
 * ({@link AdoptBetterBest}).
 * Without it the searches stay independent to the end and one of them wastes its second half in a worse basin.
 *
 * <p>Reproducible: the points are shares of the searches' own progress (work when the solve is bounded by work), each
 * search waits at a point until every other has posted there or has ended, and the best offer is chosen by cost, ties
 * to the lowest search. A search cut by the time limit ends without posting and no one waits for it. The day combined
 * from the pooled routes is computed once per meeting, by the first search to ask, and read by the others: every search
 * would compute the same day from the same offers, and SCIP would run on both cores for one answer.
 *
 * <p>Thread-safe.
 */
final class BestExchange {

    /**
     * A search's best: its cost (the objective's) and its routes, per vehicle of the problem in order, as job ids; and
     * the routes it pooled so far ({@link RoutePool}), a copy the other searches may read.
     */
    record Offer(double cost, List<List<String>> routes, Collection<RoutePool.Pooled> pooled) {
        Offer(double cost, List<List<String>> routes) {
            this(cost, routes, List.of());
        }
    }

    /** One search's place at the exchange. */
    record Seat(BestExchange exchange, int search) {
        /** The search has ended: no one waits for it any more. */
        void leave() {
            exchange.end(search);
        }
    }

    private final double[] points;
    private final Offer[][] offers;
    private final boolean[] ended;
    /** Per point, the day combined there (null when none was shorter), and from how many offers (0: not yet). */
    private final Offer[] combinations;
    private final int[] combinedFrom;

    /**
     * @param searches how many searches meet
     * @param points   the progress shares (0–1, increasing) at which they meet
     */
    BestExchange(int searches, double[] points) {
        if (searches < 2) throw new IllegalArgumentException("an exchange needs two searches at least, was " + searches);
        for (int p = 0; p < points.length; p++) {
            if (!(points[p] > 0 && points[p] < 1) || p > 0 && points[p] <= points[p - 1])
                throw new IllegalArgumentException("points must rise strictly inside (0, 1): " + Arrays.toString(points));
        }
        this.points = points.clone();
        this.offers = new Offer[points.length][searches];
        this.ended = new boolean[searches];
        this.combinations = new Offer[points.length];
        this.combinedFrom = new int[points.length];
    }

    /** Search {@code search}'s place. */
    Seat seat(int search) {
        if (search < 0 || search >= ended.length) throw new IllegalArgumentException("no search " + search + " of " + ended.length);
        return new Seat(this, search);
    }

    /** How many meeting points there are. */
    int points() {
        return points.length;
    }

    /** The progress share of meeting point {@code point}. */
    double point(int point) {
        return points[point];
    }

    /**
     * Posts the search's best at the point and waits (at most until {@code deadlineNanos}, of {@link System#nanoTime})
     * for every other search to post there or end; returns the best offer posted, the search's own included.
     */
    synchronized Offer meet(int search, int point, Offer mine, long deadlineNanos) {
        offers[point][search] = mine;
        notifyAll();
        while (!allIn(point)) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) break;
            try {
                wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return cheapest(point);
    }

    /**
     * The day {@code combine} makes of the cheapest offer at the point and the routes pooled there, computed once: the
     * first search to ask runs it while the others wait, and they read its answer. Asked again after more offers came
     * (a search waited past its deadline and went on with fewer), it is computed again from all of them.
     *
     * @param combine the cheapest offer and the pooled routes, to a shorter day or empty
     */
    synchronized Optional<Offer> combination(int point, BiFunction<Offer, List<RoutePool.Pooled>, Optional<Offer>> combine) {
        int posted = 0;
        for (Offer offer : offers[point]) if (offer != null) posted++;
        if (posted == 0) return Optional.empty();
        if (combinedFrom[point] != posted) {
            combinations[point] = combine.apply(cheapest(point), pooled(point)).orElse(null);
            combinedFrom[point] = posted;
        }
        return Optional.ofNullable(combinations[point]);
    }

    /** The routes pooled by every search that posted at the point, in search order. */
    synchronized List<RoutePool.Pooled> pooled(int point) {
        List<RoutePool.Pooled> all = new ArrayList<>();
        for (Offer offer : offers[point]) if (offer != null) all.addAll(offer.pooled());
        return all;
    }

    /** The search has ended: no one waits for it any more. */
    synchronized void end(int search) {
        ended[search] = true;
        notifyAll();
    }

    /** Searches that posted at a point: for tests. */
    synchronized Optional<Offer> offer(int point, int search) {
        return Optional.ofNullable(offers[point][search]);
    }

    private Offer cheapest(int point) {
        Offer best = null;
        for (Offer offer : offers[point]) {
            if (offer != null && (best == null || offer.cost() < best.cost())) best = offer;  // ties: the lowest search's
        }
        return best;
    }

    private boolean allIn(int point) {
        for (int s = 0; s < ended.length; s++) if (offers[point][s] == null && !ended[s]) return false;
        return true;
    }
}
