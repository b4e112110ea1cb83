package io.campo.routing.planning.vrp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Searches meeting on threads of their own, as the solver runs them. */
class BestExchangeTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final BestExchange.Offer cheap = offer(100, "a");
    private final BestExchange.Offer dear = offer(120, "b");

    @Test
    void everySearchLeavesAMeetingWithTheCheapestOfferWhoeverArrivesFirst() throws Exception {
        BestExchange exchange = new BestExchange(2, new double[]{0.5});

        CompletableFuture<BestExchange.Offer> first = CompletableFuture.supplyAsync(() -> exchange.meet(1, 0, cheap, deadline()));
        Thread.sleep(50);
        assertFalse(first.isDone(), "the first to arrive waits for the other");
        BestExchange.Offer second = exchange.meet(0, 0, dear, deadline());

        assertSame(cheap, second);
        assertSame(cheap, first.get(10, TimeUnit.SECONDS));
    }

    @Test
    void equalOffersGoToTheLowestSearchSoThatTheOutcomeRepeats() throws Exception {
        BestExchange exchange = new BestExchange(2, new double[]{0.5});
        BestExchange.Offer same = offer(100, "other");

        CompletableFuture<BestExchange.Offer> one = CompletableFuture.supplyAsync(() -> exchange.meet(1, 0, same, deadline()));
        BestExchange.Offer zero = exchange.meet(0, 0, cheap, deadline());

        assertSame(cheap, zero);
        assertSame(cheap, one.get(10, TimeUnit.SECONDS));
    }

    @Test
    void noOneWaitsForASearchThatHasEnded() {
        BestExchange exchange = new BestExchange(3, new double[]{0.3, 0.6});
        exchange.seat(2).leave();
        exchange.end(1);

        assertSame(dear, exchange.meet(0, 0, dear, deadline()), "alone at the meeting: its own best");
        assertTrue(exchange.offer(0, 1).isEmpty());
    }

    @Test
    void everySearchReadsTheRoutesPooledByAllInSearchOrder() throws Exception {
        BestExchange exchange = new BestExchange(3, new double[]{0.5});
        exchange.end(2);
        RoutePool.Pooled a = new RoutePool.Pooled(0, new int[]{1, 2});
        RoutePool.Pooled b = new RoutePool.Pooled(0, new int[]{3});
        RoutePool.Pooled c = new RoutePool.Pooled(1, new int[]{2, 1});

        CompletableFuture<BestExchange.Offer> first = CompletableFuture.supplyAsync(
                () -> exchange.meet(1, 0, new BestExchange.Offer(90, List.of(), List.of(c)), deadline()));
        exchange.meet(0, 0, new BestExchange.Offer(100, List.of(), List.of(a, b)), deadline());
        first.get(10, TimeUnit.SECONDS);

        assertEquals(List.of(a, b, c), exchange.pooled(0), "search 0's routes first, then search 1's; none from the search that ended");
    }

    @Test
    void theDayCombinedAtAMeetingIsComputedOnceAndReadByEverySearch() throws Exception {
        BestExchange exchange = new BestExchange(2, new double[]{0.5});
        RoutePool.Pooled a = new RoutePool.Pooled(0, new int[]{1, 2});
        RoutePool.Pooled b = new RoutePool.Pooled(0, new int[]{3});
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        BestExchange.Offer combined = offer(80, "ab");

        CompletableFuture<Optional<BestExchange.Offer>> one = CompletableFuture.supplyAsync(() -> {
            exchange.meet(1, 0, new BestExchange.Offer(120, List.of(), List.of(b)), deadline());
            return exchange.combination(0, (cheapest, pooled) -> {
                calls.add("search 1 from " + cheapest.cost() + " and " + pooled.size() + " routes");
                return Optional.of(combined);
            });
        });
        exchange.meet(0, 0, new BestExchange.Offer(100, List.of(), List.of(a)), deadline());
        Optional<BestExchange.Offer> zero = exchange.combination(0, (cheapest, pooled) -> {
            calls.add("search 0 from " + cheapest.cost() + " and " + pooled.size() + " routes");
            return Optional.of(combined);
        });

        assertSame(combined, zero.orElseThrow());
        assertSame(combined, one.get(10, TimeUnit.SECONDS).orElseThrow());
        assertEquals(1, calls.size(), "one search combines, the other reads: " + calls);
        assertTrue(calls.get(0).endsWith("from 100.0 and 2 routes"), calls.get(0));
    }

    @Test
    void aCombinationIsComputedAgainWhenMoreOffersCameAfterIt() {
        BestExchange exchange = new BestExchange(2, new double[]{0.5});
        List<Double> inputs = new ArrayList<>();
        exchange.meet(0, 0, dear, System.nanoTime());  // gave up waiting at once
        assertTrue(exchange.combination(0, (cheapest, pooled) -> {
            inputs.add(cheapest.cost());
            return Optional.empty();
        }).isEmpty());

        exchange.meet(1, 0, cheap, deadline());
        Optional<BestExchange.Offer> again = exchange.combination(0, (cheapest, pooled) -> {
            inputs.add(cheapest.cost());
            return Optional.of(offer(90, "c"));
        });

        assertEquals(List.of(120.0, 100.0), inputs, "the late offer is combined too");
        assertEquals(90, again.orElseThrow().cost());
    }

    @Test
    void aMeetingGivesUpAtTheDeadline() {
        BestExchange exchange = new BestExchange(2, new double[]{0.5});
        long started = System.nanoTime();

        BestExchange.Offer chosen = exchange.meet(0, 0, dear, started + TimeUnit.MILLISECONDS.toNanos(100));

        assertSame(dear, chosen);
        long waited = System.nanoTime() - started;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(100) && waited < TimeUnit.SECONDS.toNanos(5), "waited " + waited + " ns");
    }

    @Test
    void pointsMustRiseInsideTheSearchAndTwoSearchesMustMeet() {
        assertThrows(IllegalArgumentException.class, () -> new BestExchange(1, new double[]{0.5}));
        assertThrows(IllegalArgumentException.class, () -> new BestExchange(2, new double[]{0.5, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> new BestExchange(2, new double[]{0.6, 0.3}));
        assertThrows(IllegalArgumentException.class, () -> new BestExchange(2, new double[]{0}));
        assertThrows(IllegalArgumentException.class, () -> new BestExchange(2, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> new BestExchange(2, new double[]{Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new BestExchange(2, new double[]{0.5}).seat(2));
        assertEquals(2, new BestExchange(2, new double[]{0.25, 0.75}).points());
    }

    private static BestExchange.Offer offer(double cost, String job) {
        return new BestExchange.Offer(cost, List.of(List.of(job)));
    }

    private static long deadline() {
        return System.nanoTime() + MINUTE;
    }
}
