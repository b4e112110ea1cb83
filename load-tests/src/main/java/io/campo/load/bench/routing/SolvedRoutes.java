package io.campo.load.bench.routing;

import io.campo.routing.planning.vrp.CostMatrix;
import io.campo.routing.planning.vrp.RouteTimeline;
import io.campo.routing.planning.vrp.VrpJob;
import io.campo.routing.planning.vrp.VrpProblem;
import io.campo.routing.planning.vrp.VrpRoute;
import io.campo.routing.planning.vrp.VrpSolution;
import io.campo.routing.planning.vrp.VrpVehicle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A solver's routes checked and measured independently of the solver: each route is timed again
 * with {@link RouteTimeline}, its load added up, and its length measured on any matrix (the
 * benchmarks measure the same routes on truncated and on exact arcs).
 */
final class SolvedRoutes {

  private final VrpProblem problem;
  private final VrpSolution solution;
  private final Map<String, VrpJob> jobs = new HashMap<>();
  private final Map<String, VrpVehicle> vehicles = new HashMap<>();

  SolvedRoutes(VrpProblem problem, VrpSolution solution) {
    this.problem = problem;
    this.solution = solution;
    problem.jobs().forEach(job -> jobs.put(job.id(), job));
    problem.vehicles().forEach(vehicle -> vehicles.put(vehicle.id(), vehicle));
  }

  /** Every violation found: late service, over capacity, a job served twice. Empty when feasible. */
  List<String> violations() {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (VrpRoute route : solution.routes()) {
      VrpVehicle vehicle = vehicles.get(route.vehicleId());
      List<VrpJob> stops = stops(route);
      RouteTimeline timeline = RouteTimeline.of(vehicle, stops);
      if (!timeline.feasible()) {
        int late = timeline.firstLateStop();
        problems.add("vehicle " + vehicle.id() + ": " + (late < stops.size() ? "job " + stops.get(late).id() + " is served late" : "returns late"));
      }
      int load = stops.stream().mapToInt(VrpJob::size).sum();
      if (load > vehicle.capacity()) {
        problems.add("vehicle " + vehicle.id() + " carries " + load + " > capacity " + vehicle.capacity());
      }
      stops.forEach(job -> seen.merge(job.id(), 1, Integer::sum));
    }
    seen.forEach((id, count) -> {
      if (count > 1) {
        problems.add("job " + id + " is served " + count + " times");
      }
    });
    return problems;
  }

  int routes() {
    return solution.routes().size();
  }

  /** Total length of the routes on {@code matrix}, depot legs included. */
  double distance(CostMatrix matrix) {
    double total = 0;
    for (VrpRoute route : solution.routes()) {
      VrpVehicle vehicle = vehicles.get(route.vehicleId());
      int at = vehicle.startPlace();
      for (VrpJob job : stops(route)) {
        total += matrix.distance(at, job.place());
        at = job.place();
      }
      if (vehicle.returnsToEnd()) {
        total += matrix.distance(at, vehicle.endPlace());
      }
    }
    return total;
  }

  /** Sum of the served jobs' values. */
  long value() {
    long total = 0;
    for (VrpRoute route : solution.routes()) {
      for (VrpJob job : stops(route)) {
        total += job.value();
      }
    }
    return total;
  }

  int served() {
    return solution.routes().stream().mapToInt(route -> route.jobIds().size()).sum();
  }

  VrpProblem problem() {
    return problem;
  }

  private List<VrpJob> stops(VrpRoute route) {
    List<VrpJob> stops = new ArrayList<>();
    route.jobIds().forEach(id -> stops.add(jobs.get(id)));
    return stops;
  }
}
