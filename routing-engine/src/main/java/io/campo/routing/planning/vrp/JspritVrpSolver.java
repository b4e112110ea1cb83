package io.campo.routing.planning.vrp;

import io.campo.routing.api.SearchScore;

import com.graphhopper.jsprit.core.algorithm.SearchStrategy;
import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.box.Jsprit;
import com.graphhopper.jsprit.core.algorithm.recreate.DefaultScorer;
import com.graphhopper.jsprit.core.algorithm.state.StateManager;
import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.constraint.ConstraintManager;
import com.graphhopper.jsprit.core.problem.job.Break;
import com.graphhopper.jsprit.core.problem.job.Job;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TimeWindow;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleImpl;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleType;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleTypeImpl;
import com.graphhopper.jsprit.core.util.Solutions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Solves a {@link VrpProblem} with jsprit's ruin-and-recreate search (jsprit-core 1.9), wired to
 * our matrices and to a value objective jsprit does not have:
 *
 * <ul>
 *   <li>{@link MatrixTransportCosts}: jsprit reads times and costs straight from each vehicle's
 *       {@link CostMatrix}; nothing is copied into jsprit's own structures.</li>
 *   <li>{@link ValueObjective}: lexicographic mandatory jobs, then value, then travel.</li>
 *   <li>{@link ThresholdAcceptance} and {@link ValueScorer}: the search trades value for room
 *       early, and insertion prefers valuable jobs when time is short.</li>
 *   <li>Job priorities (jsprit's 1–10) carry value ranks so that jsprit's own ordering heuristics
 *       agree: mandatory jobs 1, then value deciles 2–10.</li>
 *   <li>{@link RoutePolish}: a local search over each search's best, before the best of them is chosen, and on
 *       long routes over each new best during the search ({@link NewBestPolish}).</li>
 *   <li>On long routes, the second of two side-by-side searches now and then cuts a route in two ({@link RouteSplit}),
 *       and both credit each used route while walking ({@link ThresholdAcceptance}): ruin and recreate alone does
 *       not open a route once the routes are full of time.</li>
 *   <li>Routes changed outside jsprit (polished, cut, taken from the other search) go back into it through
 *       {@link JspritRoutes}, which lets jsprit place each vehicle's break, so days with lunch get all of the above.</li>
 *   <li>{@link RouteCombination}: after the searches, the shortest day made of routes they built ({@link RoutePool}),
 *       polished again; on long routes also at each meeting of the searches, which go on from it ({@link AdoptBetterBest}).</li>
 *   <li>{@link RouteOpening}: on long routes, after the searches, a day with one route more, cut from the day found and
 *       polished, when it is shorter.</li>
 *   <li>{@link ShortStringsOnLongRoutes}: on long routes the string ruin removes short strings, not most of each route.</li>
 *   <li>Side-by-side searches run in two rounds of half the work each ({@link #ROUNDS}), the second afresh: a search
 *       settles early in a basin its seed picks, and the combination mixes the routes of two rounds.</li>
 * </ul>
 *
 * <p>Vehicles whose break jsprit leaves out (routes ending before the break window) take it
 * after their last job; {@link RouteTimeline} times every route the same way for all callers.
 *
 * <p>Thread-safe: each {@link #solve} builds its own jsprit objects. jsprit logs through slf4j
 * under {@code com.graphhopper.jsprit}.
 */
public final class JspritVrpSolver {

    /**
     * Ruin at most this many jobs per iteration: jsprit's default (up to 30 % of the jobs, at
     * most 50–70) makes one iteration on 3,000 visits cost seconds; measured on the plan benchmark.
     */
    static final int MAX_RUIN = 50;

    /** On problems (or regions) bigger than {@link #SMALL}, ruins are smaller still: each removed job is reinserted by a scan of every route. */
    static final int MAX_RUIN_LARGE = 30;

    /**
     * Up to this many jobs the first solution is built by regret insertion and the search recreates
     * mostly by regret (jsprit's mix). Above it, both use best insertion: regret costs the square of
     * the jobs to reinsert per step, and on a 300-job region with ten vehicles its construction alone
     * took longer than best insertion plus 400 iterations, which ended better (measured with seed 1).
     * Solomon's instances (100 customers) stay on regret.
     */
    static final int SMALL = 150;

    /**
     * Problems with more jobs than this are cut into regions ({@link RegionSplit}) searched
     * separately. Measured on the plan benchmark (100 agents, 3,000 visits): see the README.
     */
    static final int REGION_JOBS = 400;

    /**
     * Work allowed to {@link RoutePolish}, in routes timed per job. Counted in work, not time, so that a work-bounded
     * solve stays reproducible; measured on Solomon's 1xx instances, see the README.
     */
    static final long POLISH_CHECKS_PER_JOB = 1_000;

    /** Work allowed to each polish of a new best inside the search ({@link NewBestPolish}), in routes timed per job. */
    static final long INSIDE_POLISH_CHECKS_PER_JOB = 200;

    /**
     * Solves the problem within the settings' limits. With {@code threads} > 1, independent
     * searches run side by side (one per region when the problem is cut into regions, else one
     * per seed derived from the settings' seed, in {@link #ROUNDS} rounds, keeping the best; on long routes a round's
     * searches meet at {@link #EXCHANGE_POINTS} and go on from the best of them or of their routes combined): every search runs on one
     * thread with its own random numbers, so a work-bounded solve gives the same solution
     * however busy the machine is.
     */
    public VrpSolution solve(VrpProblem problem, SolverSettings settings) {
        SearchClock clock = new SearchClock(settings);
        if (problem.jobs().isEmpty()) return new VrpSolution(List.of(), List.of(), 0, Duration.ZERO);
        List<VrpProblem> regions = RegionSplit.split(problem, REGION_JOBS);
        if (regions.size() > 1) return byRegion(problem, regions, settings, clock);
        int searches = settings.threads();
        if (searches == 1) return combined(problem, List.of(search(problem, settings, settings.seed(), Optional.empty())), settings, clock);
        // Searches side by side rather than jsprit's own insertion threads: they stay reproducible, and the searches
        // diverge early, so the best of two is clearly better than one. On long routes they meet a few times and go on
        // from the best of them; then a second pair starts afresh (ROUNDS).
        List<Searched> all = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            BestExchange exchange = new BestExchange(searches, EXCHANGE_POINTS);
            SolverSettings share = roundShare(settings, round, clock);
            List<Callable<Searched>> tasks = new ArrayList<>();
            for (int k = 0; k < searches; k++) {
                long seed = settings.seed() + SEED_STRIDE * (round * searches + k);
                Optional<BestExchange.Seat> seat = Optional.of(exchange.seat(k));
                tasks.add(() -> search(problem, share, seed, seat));
            }
            all.addAll(runAll(tasks, searches));
        }
        return combined(problem, all, settings, clock);
    }

    /**
     * Side-by-side searches run in this many rounds, each round's searches starting afresh with their share of the work
     * and meeting only each other; every round's routes meet in the final {@link RouteCombination}. Traces of R109-long
     * showed why: a search's best hardly moves after 40 % of its work, in a basin that depends on the seed (730.6–742.5 on
     * seeds 1–10, 717.1 the best known), so the second half of the work is better spent on a second pair of searches
     * whose routes the combination can mix with the first's. Work-bounded (long set, {@code --work 190}, seeds 1–5) the mean
     * gap went from +0.63 / +0.72 / +0.81 / +0.64 / +0.69 % with 0 / 0 / 2 / 1 / 1 days above 3 % to +0.66 / +0.50 / +0.50
     * / +0.59 / +0.56 % with none. Three rounds of a third were worse on R109-long (seeds 1–10, +2.77 % against +2.15 % with
     * two): a third of the work is too little for a search to settle. Solomon's 1xx (seeds 1–5): +0.26 / +0.23 / +0.30 /
     * +0.27 / +0.25 % against +0.27 / +0.23 / +0.29 / +0.41 / +0.30 %. See the README, "Two rounds of searches".
     */
    static final int ROUNDS = 2;

    /** The limits of one round's searches: their share of the work, and of the time left. */
    static SolverSettings roundShare(SolverSettings settings, int round, SearchClock clock) {
        int roundsLeft = ROUNDS - round;
        long timeLeft = Math.max(1_000_000L, settings.timeLimit().toNanos() - clock.elapsedNanos());
        int iterations = settings.maxIterations() == Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(1, settings.maxIterations() / ROUNDS);
        long work = settings.maxWork() == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, settings.maxWork() / ROUNDS);
        return new SolverSettings(settings.seed(), Duration.ofNanos(timeLeft / roundsLeft), iterations, settings.threads(), work);
    }

    /**
     * The best of the searches, then the best combination of the routes they built ({@link RouteCombination}), polished,
     * then on long routes the day with one route more if shorter ({@link RouteOpening}); package-private for tests.
     */
    static VrpSolution combined(VrpProblem problem, List<Searched> searches, SolverSettings settings, SearchClock clock) {
        Searched best = null;
        int iterations = 0;
        List<RoutePool.Pooled> pool = new ArrayList<>();
        for (Searched searched : searches) {
            iterations += searched.solution().iterations();
            if (best == null || searched.cost() < best.cost()) best = searched;  // ties: the lower seed
            pool.addAll(searched.pool());
        }
        VrpSolution chosen = best.solution();
        Map<String, VrpJob> jobsById = jobsById(problem);
        if (!pool.isEmpty()) {
            double left = (settings.timeLimit().toNanos() - clock.elapsedNanos()) / 1e9;
            Optional<RouteCombination.Combined> better = RouteCombination.improve(problem, new VehicleKinds(problem.vehicles()),
                    perVehicle(problem, jobsById, chosen.routes()), pool, left);
            if (better.isPresent()) {
                double saved = better.get().saved();
                chosen = polished(problem, jobsById, withRoutes(problem, chosen, better.get().routes(), saved), best.cost() - saved, clock)
                        .solution();
            }
        }
        // not above SMALL, which is not polished either
        int served = problem.jobs().size() - chosen.unassignedIds().size();
        if (problem.jobs().size() <= SMALL && NewBestPolish.longRoutes(served, chosen.routes().size())) {
            Optional<RouteOpening.Opened> opened = RouteOpening.improve(problem, perVehicle(problem, jobsById, chosen.routes()),
                    POLISH_CHECKS_PER_JOB * problem.jobs().size(), clock::outOfTime);
            if (opened.isPresent()) chosen = withRoutes(problem, chosen, opened.get().routes(), opened.get().saved());
        }
        return new VrpSolution(chosen.routes(), chosen.unassignedIds(), iterations, Duration.ofNanos(clock.elapsedNanos()),
                chosen.first(), chosen.best());
    }

    /**
     * One search per region, {@code threads} at a time. Each region gets its share of the time
     * limit so that all of them end within it, and the whole iteration limit.
     */
    private VrpSolution byRegion(VrpProblem problem, List<VrpProblem> regions, SolverSettings settings, SearchClock clock) {
        int threads = Math.min(settings.threads(), regions.size());
        long rounds = (regions.size() + threads - 1) / threads;
        Duration share = settings.timeLimit().dividedBy(rounds);
        long deadline = System.nanoTime() + settings.timeLimit().toNanos();
        List<Callable<Searched>> tasks = new ArrayList<>();
        for (VrpProblem region : regions) {
            tasks.add(() -> {
                // a region started late (its construction overran on a busy machine) still ends by the deadline
                long left = Math.max(1_000_000L, deadline - System.nanoTime());
                Duration limit = Duration.ofNanos(Math.max(1_000_000L, Math.min(share.toNanos(), left)));
                return search(region, new SolverSettings(settings.seed(), limit, settings.maxIterations(), 1, settings.maxWork()),
                        settings.seed(), Optional.empty());
            });
        }
        List<VrpRoute> routes = new ArrayList<>();
        Set<String> unassigned = new HashSet<>();
        int iterations = 0;
        SearchScore first = SearchScore.NONE;
        SearchScore best = SearchScore.NONE;
        for (Searched searched : runAll(tasks, threads)) {
            VrpSolution solution = searched.solution();
            routes.addAll(solution.routes());
            unassigned.addAll(solution.unassignedIds());
            iterations += solution.iterations();
            first = first.plus(solution.first());
            best = best.plus(solution.best());
        }
        Map<String, Integer> order = vehicleOrder(problem);
        routes.sort(Comparator.comparingInt(r -> order.get(r.vehicleId())));
        List<String> unassignedInOrder = new ArrayList<>();
        for (VrpJob job : problem.jobs()) if (unassigned.contains(job.id())) unassignedInOrder.add(job.id());
        return new VrpSolution(routes, unassignedInOrder, iterations, Duration.ofNanos(clock.elapsedNanos()), first, best);
    }

    /** Runs the tasks on {@code threads} threads, results in task order. */
    private static List<Searched> runAll(List<Callable<Searched>> tasks, int threads) {
        if (threads == 1) {
            List<Searched> results = new ArrayList<>();
            for (Callable<Searched> task : tasks) results.add(call(task));
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            List<Future<Searched>> futures = new ArrayList<>();
            for (Callable<Searched> task : tasks) futures.add(pool.submit(task));
            List<Searched> results = new ArrayList<>();
            for (Future<Searched> future : futures) results.add(join(future));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Searched call(Callable<Searched> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("a search failed", e);
        }
    }

    /**
     * Progress shares at which side-by-side searches of one problem meet and go on from the best of them or of their routes
     * combined ({@link BestExchange}; long routes only, {@link AdoptBetterBest}). On the long-route set, seeds 1–3 at the
     * same work, before the combination at meetings: four meetings +1.05 / +1.58 / +1.41 %, nine +1.32 / +1.36 / +1.55 %,
     * none +1.36 / +1.76 / +1.70 %; with it, nine were worse too (seed 2 +1.21 % against +1.03 %; README).
     */
    static final double[] EXCHANGE_POINTS = {0.2, 0.4, 0.6, 0.8};

    /** Seeds of parallel searches are this far apart, so that search k of seed s never repeats search 0 of seed s + k. */
    private static final long SEED_STRIDE = 1_000_003L;

    /** A search's result: its best solution, that solution's cost in the search's objective, and the routes it pooled. */
    record Searched(VrpSolution solution, double cost, Collection<RoutePool.Pooled> pool) {
    }

    private static Searched join(Future<Searched> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException("a search failed", e.getCause());
        }
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "vrp-search");
            thread.setDaemon(true);
            return thread;
        };
    }

    private Searched search(VrpProblem problem, SolverSettings settings, long seed, Optional<BestExchange.Seat> seat) {
        Search search = prepare(problem, settings, seed, seat);
        VehicleRoutingProblemSolution best;
        try {
            best = Solutions.bestOf(search.algorithm().searchSolutions());
        } finally {
            seat.ifPresent(BestExchange.Seat::leave);
            ClusterRuinTurns.release();
        }
        ValueObjective objective = search.objective();
        SearchScore bestScore = objective.tally(best).score();
        ThresholdAcceptance acceptance = search.acceptance();
        SearchScore firstScore = acceptance.first() == null ? bestScore : acceptance.first().score();
        Searched found = polished(problem, search.jobsById(), toSolution(problem, best, search.clock(), firstScore, bestScore),
                objective.getCosts(best), search.clock());
        return new Searched(found.solution(), found.cost(), search.pool().map(RoutePool::routes).orElse(List.of()));
    }

    /** One search, ready to run: the jsprit algorithm and what it was built with. */
    record Search(VehicleRoutingAlgorithm algorithm, ValueObjective objective, ThresholdAcceptance acceptance, SearchClock clock,
                  Map<String, VrpJob> jobsById, Optional<NewBestPolish> polishInside, Optional<AdoptBetterBest> exchange,
                  Optional<RouteSplit> split, JspritRoutes jspritRoutes, Optional<RoutePool> pool,
                  Optional<ShortStringsOnLongRoutes> strings) {
    }

    /** Builds one search with its own random numbers; package-private for tests. */
    static Search prepare(VrpProblem problem, SolverSettings settings, long seed) {
        return prepare(problem, settings, seed, Optional.empty());
    }

    /** Builds one search with its own random numbers, meeting the others at {@code seat}'s exchange if given. */
    static Search prepare(VrpProblem problem, SolverSettings settings, long seed, Optional<BestExchange.Seat> seat) {
        List<VrpJob> jobs = problem.jobs();
        Map<String, VrpJob> jobsById = new HashMap<>();
        jobs.forEach(job -> jobsById.put(job.id(), job));
        CostMatrix fallback = problem.vehicles().get(0).matrix();
        MatrixTransportCosts costs = new MatrixTransportCosts(fallback, problem.objective());
        SearchClock clock = new SearchClock(settings, costs::reads);
        double maxLeg = maxFiniteLeg(problem);
        double meanUnits = jobs.stream().mapToDouble(job -> job.value() + 1).average().orElse(1);

        VehicleRoutingProblem vrp = jspritProblem(problem, costs);
        ValueObjective objective = new ValueObjective(jobsById, costs, maxLeg * (jobs.size() + problem.vehicles().size()));
        ThresholdAcceptance acceptance = new ThresholdAcceptance(objective, clock, meanUnits, jobs.size() <= SMALL);
        DefaultScorer defaultScorer = new DefaultScorer(vrp);
        defaultScorer.setTimeWindowParam(-0.1);  // jsprit's defaults (Jsprit.Builder)
        defaultScorer.setDepotDistanceParam(0.05);
        int jobCount = jobs.size();
        int minShare = Math.max(3, Math.min(20, (int) (jobCount * 0.05)));
        boolean small = jobCount <= SMALL;
        int maxShare = Math.max(minShare, Math.min(small ? MAX_RUIN : MAX_RUIN_LARGE, (int) (jobCount * 0.3)));

        StateManager states = new StateManager(vrp);
        ConstraintManager constraints = new ConstraintManager(vrp, states);
        Map<String, VrpVehicle> vehiclesById = new HashMap<>();
        problem.vehicles().forEach(vehicle -> vehiclesById.put(vehicle.id(), vehicle));
        // jsprit runs every activity constraint for every position it tries: one that can only pass costs time for nothing
        if (problem.vehicles().stream().anyMatch(vehicle -> vehicle.lunch().isPresent())) {
            constraints.addConstraint(new BreakRoomConstraint(vehiclesById, jobsById), ConstraintManager.Priority.LOW);
        }
        VehicleRoutingAlgorithm algorithm = Jsprit.Builder.newInstance(vrp)
                .setStateAndConstraintManager(states, constraints)
                .setRandom(new Random(seed))
                .setObjectiveFunction(objective)
                .setCustomAcceptor(acceptance)
                .setRegretScorer(new ValueScorer(defaultScorer, jobsById, maxLeg / 4, meanUnits))
                .setProperty(Jsprit.Parameter.FAST_REGRET, "true")
                .setProperty(Jsprit.Parameter.MAX_TRANSPORT_COSTS, String.valueOf(maxLeg))
                .setProperty(Jsprit.Parameter.RADIAL_MIN_SHARE, String.valueOf(minShare))
                .setProperty(Jsprit.Parameter.RADIAL_MAX_SHARE, String.valueOf(maxShare))
                .setProperty(Jsprit.Parameter.WORST_MIN_SHARE, String.valueOf(minShare))
                .setProperty(Jsprit.Parameter.WORST_MAX_SHARE, String.valueOf(maxShare))
                .setProperty(Jsprit.Parameter.CLUSTER_MIN_SHARE, String.valueOf(minShare))
                .setProperty(Jsprit.Parameter.CLUSTER_MAX_SHARE, String.valueOf(maxShare))
                .setProperty(Jsprit.Parameter.RANDOM_REGRET_MIN_SHARE, String.valueOf(minShare))
                .setProperty(Jsprit.Parameter.RANDOM_REGRET_MAX_SHARE, String.valueOf(maxShare))
                .setProperty(Jsprit.Parameter.RANDOM_BEST_MIN_SHARE, String.valueOf(minShare))
                .setProperty(Jsprit.Parameter.RANDOM_BEST_MAX_SHARE, String.valueOf(maxShare))
                .setProperty(Jsprit.Parameter.CONSTRUCTION, small ? "regret_insertion" : "best_insertion")
                // string removal (Christiaens and Vanden Berghe's SISR) in addition to jsprit's mix: on the
                // eight hardest Solomon instances it cut the mean gap from +1.70 % to +1.36 % at 5,000 iterations
                .setProperty(Jsprit.Strategy.STRING_REGRET, small ? "1" : "0")
                .setProperty(Jsprit.Strategy.STRING_BEST, small ? "0" : "1")
                .setProperty(Jsprit.Strategy.RADIAL_BEST, small ? "0" : "1")
                .setProperty(Jsprit.Strategy.RADIAL_REGRET, small ? "0.5" : "0")
                .setProperty(Jsprit.Strategy.RANDOM_REGRET, small ? "0.5" : "0")
                .setProperty(Jsprit.Strategy.WORST_REGRET, small ? "1" : "0")
                .setProperty(Jsprit.Strategy.CLUSTER_REGRET, small ? "1" : "0")
                .buildAlgorithm();
        JspritRoutes jspritRoutes = new JspritRoutes(problem, vrp, states, constraints);
        // the second of two searches opens routes (RouteSplit); first, so that the polish and the exchange see its cut
        RouteSplit split = null;
        if (small && seat.isPresent() && seat.get().search() % 2 == 1) {
            split = new RouteSplit(problem, jspritRoutes, jobsById, new Random(seed * 31 + 7));
            for (SearchStrategy strategy : algorithm.getSearchStrategyManager().getStrategies()) strategy.addModule(split);
        }
        NewBestPolish inside = null;
        // above SMALL, as for the polish after the search, routes are too long to polish often
        if (small) {
            inside = new NewBestPolish(problem, jspritRoutes, jobsById, objective, clock, INSIDE_POLISH_CHECKS_PER_JOB * jobCount);
            for (SearchStrategy strategy : algorithm.getSearchStrategyManager().getStrategies()) strategy.addModule(inside);
        }
        // not on regions above SMALL, which are not polished either
        Optional<RoutePool> pool = small ? Optional.of(new RoutePool(problem, new VehicleKinds(problem.vehicles()))) : Optional.empty();
        // after the polish, so that the best posted is the polished one
        Optional<AdoptBetterBest> adopt = seat.map(place -> new AdoptBetterBest(problem, vrp, jspritRoutes, jobsById, objective, clock, place, pool));
        adopt.ifPresent(module -> algorithm.getSearchStrategyManager().getStrategies().forEach(strategy -> strategy.addModule(module)));
        // last, so that it keeps the routes as the acceptance sees them
        pool.ifPresent(module -> algorithm.getSearchStrategyManager().getStrategies().forEach(strategy -> strategy.addModule(module)));
        ClusterRuinTurns.attach(algorithm);  // jsprit's clusterer is not thread-safe
        // not above SMALL, as the polish inside the search: the regions of a metropolitan day keep jsprit's lengths, where
        // shorter strings were not measured
        Optional<ShortStringsOnLongRoutes> strings = small ? Optional.of(ShortStringsOnLongRoutes.attach(algorithm)) : Optional.empty();
        algorithm.setMaxIterations(settings.maxIterations());
        algorithm.addTerminationCriterion(clock);
        return new Search(algorithm, objective, acceptance, clock, jobsById, Optional.ofNullable(inside), adopt, Optional.ofNullable(split),
                jspritRoutes, pool, strings);
    }

    /**
     * The search's best after {@link RoutePolish}: the same jobs served, travel no longer. Problems (and regions) above
     * {@link #SMALL} jobs are left as found: on a 230-job region with 60-stop routes and breaks, after 15 iterations, the
     * polish ran 17–27 s (a route with a break is timed once per gap), longer than the search.
     */
    private static Searched polished(VrpProblem problem, Map<String, VrpJob> jobsById, VrpSolution found, double cost,
                                     SearchClock clock) {
        if (problem.jobs().size() > SMALL) return new Searched(found, cost, List.of());
        RoutePolish polish = new RoutePolish(problem, perVehicle(problem, jobsById, found.routes()), POLISH_CHECKS_PER_JOB * problem.jobs().size(),
                clock::outOfTime);
        double before = polish.travel();
        List<List<VrpJob>> polishedRoutes = polish.polish();
        double saved = before - polish.travel();
        if (saved <= 0) return new Searched(found, cost, List.of());
        VrpSolution shorter = withRoutes(problem, found, polishedRoutes, saved);
        return new Searched(new VrpSolution(shorter.routes(), shorter.unassignedIds(), shorter.iterations(),
                Duration.ofNanos(clock.elapsedNanos()), shorter.first(), shorter.best()), cost - saved, List.of());
    }

    private static Map<String, VrpJob> jobsById(VrpProblem problem) {
        Map<String, VrpJob> jobsById = new HashMap<>();
        problem.jobs().forEach(job -> jobsById.put(job.id(), job));
        return jobsById;
    }

    /** The solution's jobs per vehicle of the problem, in the problem's order; empty for an unused vehicle. */
    private static List<List<VrpJob>> perVehicle(VrpProblem problem, Map<String, VrpJob> jobsById, List<VrpRoute> routes) {
        Map<String, List<VrpJob>> byVehicle = new HashMap<>();
        for (VrpRoute route : routes) byVehicle.put(route.vehicleId(), route.jobIds().stream().map(jobsById::get).toList());
        List<List<VrpJob>> perVehicle = new ArrayList<>();
        for (VrpVehicle vehicle : problem.vehicles()) perVehicle.add(byVehicle.getOrDefault(vehicle.id(), List.of()));
        return perVehicle;
    }

    /** The solution with other routes for the same jobs ({@code perVehicle}, in the problem's order), travelling {@code saved} less. */
    private static VrpSolution withRoutes(VrpProblem problem, VrpSolution found, List<List<VrpJob>> perVehicle, double saved) {
        List<VrpRoute> routes = new ArrayList<>();
        for (int v = 0; v < perVehicle.size(); v++) {
            List<VrpJob> jobs = perVehicle.get(v);
            if (!jobs.isEmpty()) routes.add(new VrpRoute(problem.vehicles().get(v).id(), jobs.stream().map(VrpJob::id).toList()));
        }
        SearchScore best = found.best();
        return new VrpSolution(routes, found.unassignedIds(), found.iterations(), found.searchTime(), found.first(),
                new SearchScore(best.routedJobs(), best.unservedValue(), best.travel() - saved));
    }

    private static VehicleRoutingProblem jspritProblem(VrpProblem problem, MatrixTransportCosts costs) {
        VehicleRoutingProblem.Builder builder = VehicleRoutingProblem.Builder.newInstance()
                .setFleetSize(VehicleRoutingProblem.FleetSize.FINITE)
                .setRoutingCost(costs);
        Map<CostMatrix, Integer> matrixNumbers = new IdentityHashMap<>();
        Map<String, VehicleType> types = new HashMap<>();
        for (VrpVehicle vehicle : problem.vehicles()) {
            int matrixNumber = matrixNumbers.computeIfAbsent(vehicle.matrix(), m -> matrixNumbers.size());
            // jsprit keeps capacity on the type, so vehicles differ in type by matrix and capacity
            VehicleType type = types.computeIfAbsent("m" + matrixNumber + "-c" + vehicle.capacity(),
                    id -> VehicleTypeImpl.Builder.newInstance(id).addCapacityDimension(0, vehicle.capacity())
                            .setFixedCost(0).setCostPerDistance(0).setCostPerTransportTime(0).build());
            VehicleImpl.Builder vehicleBuilder = VehicleImpl.Builder.newInstance(vehicle.id())
                    .setType(type)
                    .setUserData(vehicle.matrix())
                    .setStartLocation(Location.newInstance(vehicle.startPlace()))
                    .setEarliestStart(vehicle.earliestStart())
                    .setLatestArrival(vehicle.latestEnd())
                    .setReturnToDepot(vehicle.returnsToEnd())
                    .addAllSkills(vehicle.skills());
            if (vehicle.returnsToEnd()) vehicleBuilder.setEndLocation(Location.newInstance(vehicle.endPlace()));
            vehicle.lunch().ifPresent(lunch -> vehicleBuilder.setBreak((Break) Break.Builder.newInstance(vehicle.id() + "#break")
                    .setTimeWindow(TimeWindow.newInstance(lunch.earliestStart(), lunch.latestStart()))
                    .setServiceTime(lunch.duration())
                    .build()));
            builder.addVehicle(vehicleBuilder.build());
        }
        Map<String, Integer> priorities = priorities(problem.jobs());
        for (VrpJob job : problem.jobs()) {
            Service.Builder<Service> service = Service.Builder.newInstance(job.id())
                    .setLocation(Location.newInstance(job.place()))
                    .setServiceTime(job.serviceTime())
                    .addSizeDimension(0, job.size())
                    .addAllRequiredSkills(job.requiredSkills())
                    .setPriority(priorities.get(job.id()));
            for (VrpWindow window : job.windows()) service.addTimeWindow(window.start(), window.end());
            builder.addJob(service.build());
        }
        return builder.build();
    }

    /** jsprit priority per job: 1 for mandatory ones, then 2 (most valuable tenth) to 10 (least valuable). */
    private static Map<String, Integer> priorities(List<VrpJob> jobs) {
        List<VrpJob> byValue = new ArrayList<>(jobs);
        byValue.sort(Comparator.comparingLong(VrpJob::value).reversed());
        Map<String, Integer> priorities = new HashMap<>();
        int rank = 0;
        long previousValue = Long.MIN_VALUE;
        for (int i = 0; i < byValue.size(); i++) {
            VrpJob job = byValue.get(i);
            if (job.value() != previousValue) rank = i;  // equal values share a rank
            previousValue = job.value();
            priorities.put(job.id(), job.mandatory() ? 1 : 2 + (8 * rank) / byValue.size());
        }
        return priorities;
    }

    /** The longest finite leg between any two places used, per the objective's unit; bounds total travel. */
    private static double maxFiniteLeg(VrpProblem problem) {
        Set<Integer> places = new HashSet<>();
        problem.jobs().forEach(job -> places.add(job.place()));
        Map<CostMatrix, Set<Integer>> placesByMatrix = new IdentityHashMap<>();
        for (VrpVehicle vehicle : problem.vehicles()) {
            Set<Integer> own = placesByMatrix.computeIfAbsent(vehicle.matrix(), m -> new HashSet<>(places));
            own.add(vehicle.startPlace());
            if (vehicle.returnsToEnd()) own.add(vehicle.endPlace());
        }
        double max = 0;
        for (Map.Entry<CostMatrix, Set<Integer>> entry : placesByMatrix.entrySet()) {
            CostMatrix matrix = entry.getKey();
            int[] indices = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            for (int from : indices) {
                for (int to : indices) {
                    double value = problem.objective().leg(matrix, from, to);
                    if (value < MatrixTransportCosts.UNREACHABLE && value > max) max = value;
                }
            }
        }
        return max > 0 ? max : 1;
    }

    private static VrpSolution toSolution(VrpProblem problem, VehicleRoutingProblemSolution best, SearchClock clock,
                                          SearchScore first, SearchScore bestScore) {
        List<VrpRoute> routes = new ArrayList<>();
        Set<String> served = new HashSet<>();
        for (VehicleRoute route : best.getRoutes()) {
            List<String> jobIds = new ArrayList<>();
            for (TourActivity activity : route.getActivities()) {
                if (activity instanceof TourActivity.JobActivity jobActivity && !(jobActivity.getJob() instanceof Break)) {
                    jobIds.add(jobActivity.getJob().getId());
                }
            }
            if (jobIds.isEmpty()) continue;
            served.addAll(jobIds);
            routes.add(new VrpRoute(route.getVehicle().getId(), jobIds));
        }
        routes.sort(Comparator.comparingInt(r -> vehicleOrder(problem).get(r.vehicleId())));
        List<String> unassigned = new ArrayList<>();
        for (VrpJob job : problem.jobs()) if (!served.contains(job.id())) unassigned.add(job.id());
        return new VrpSolution(routes, unassigned, clock.iterations(), Duration.ofNanos(clock.elapsedNanos()), first, bestScore);
    }

    private static Map<String, Integer> vehicleOrder(VrpProblem problem) {
        Map<String, Integer> order = new LinkedHashMap<>();
        for (VrpVehicle vehicle : problem.vehicles()) order.put(vehicle.id(), order.size());
        return order;
    }
}
