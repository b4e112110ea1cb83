package io.campo.load.bench.routing;

import io.campo.routing.planning.vrp.EuclideanMatrix;
import io.campo.routing.planning.vrp.TravelObjective;
import io.campo.routing.planning.vrp.VrpBreak;
import io.campo.routing.planning.vrp.VrpJob;
import io.campo.routing.planning.vrp.VrpProblem;
import io.campo.routing.planning.vrp.VrpVehicle;
import io.campo.routing.planning.vrp.VrpWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Solomon VRPTW instance (original text format: a VEHICLE block with number and capacity, then
 * one line per customer with number, x, y, demand, ready time, due date, service time; customer 0
 * is the depot). Time equals Euclidean distance, as the instances define.
 *
 * @param name     e.g. {@code R101}
 * @param vehicles the fleet size the file allows
 * @param capacity per vehicle
 * @param x        coordinates, depot first
 * @param y        coordinates, depot first
 * @param demand   per customer, depot first (0)
 * @param ready    earliest service start
 * @param due      latest service start (the depot's: latest return)
 * @param service  service time
 */
record SolomonInstance(String name, int vehicles, int capacity, double[] x, double[] y, int[] demand, double[] ready,
    double[] due, double[] service) {

  static SolomonInstance read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int vehicles = -1;
    int capacity = -1;
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("NUMBER")) {
        String[] fleet = lines.get(i + 1).trim().split("\\s+");
        vehicles = Integer.parseInt(fleet[0]);
        capacity = Integer.parseInt(fleet[1]);
        i++;
      } else if (!line.isEmpty() && Character.isDigit(line.charAt(0)) && vehicles > 0) {
        String[] parts = line.split("\\s+");
        if (parts.length < 7) {
          throw new IOException(file + ": customer line has " + parts.length + " fields, expected 7: " + line);
        }
        double[] row = new double[7];
        for (int k = 0; k < 7; k++) {
          row[k] = Double.parseDouble(parts[k]);
        }
        rows.add(row);
      }
    }
    if (vehicles < 0 || rows.isEmpty()) {
      throw new IOException(file + " is not a Solomon instance (no VEHICLE block or no customers)");
    }
    int n = rows.size();
    double[] x = new double[n];
    double[] y = new double[n];
    int[] demand = new int[n];
    double[] ready = new double[n];
    double[] due = new double[n];
    double[] service = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = rows.get(i);
      x[i] = row[1];
      y[i] = row[2];
      demand[i] = (int) row[3];
      ready[i] = row[4];
      due[i] = row[5];
      service[i] = row[6];
    }
    return new SolomonInstance(BenchArguments.instanceName(file), vehicles, capacity, x, y, demand, ready, due, service);
  }

  /**
   * The same customers in the shape of an agent's day: few vehicles with long routes and wide windows,
   * like Solomon's 2xx classes. Every time is multiplied by {@code factor} (the horizon and each window's
   * centre and width), then each window grows by a tenth of the new horizon on both sides, kept inside
   * what the depot's horizon allows; service times and travel stay. Capacity becomes {@code capacity}
   * so that time, not load, ends a route.
   */
  SolomonInstance stretched(double factor, int newCapacity) {
    double horizon = due[0] * factor;
    double widen = horizon / 10;
    double[] newReady = new double[ready.length];
    double[] newDue = new double[due.length];
    newReady[0] = ready[0] * factor;
    newDue[0] = horizon;
    for (int i = 1; i < ready.length; i++) {
      double back = Math.hypot(x[i] - x[0], y[i] - y[0]);
      double latest = horizon - service[i] - back;
      newReady[i] = Math.max(0, ready[i] * factor - widen);
      newDue[i] = Math.max(newReady[i], Math.min(latest, due[i] * factor + widen));
    }
    return new SolomonInstance(name + "-long", vehicles, newCapacity, x, y, demand, newReady, newDue, service);
  }

  /**
   * An agent's lunch scaled to the depot's horizon as 45 minutes are to a day of 08:00–17:00, starting between 12:00
   * and 14:00 (the plan benchmark's agents): a twelfth of the horizon, starting between four and six ninths of it.
   */
  VrpBreak lunch() {
    double horizon = due[0] - ready[0];
    return new VrpBreak(ready[0] + horizon * 4 / 9, ready[0] + horizon * 6 / 9, horizon / 12);
  }

  int customers() {
    return x.length - 1;
  }

  /**
   * The instance as a solver problem: every customer mandatory, the whole fleet available, total
   * distance minimised.
   *
   * @param decimals arcs truncated to this many decimals (1 for the DIMACS values; -1 exact)
   */
  VrpProblem problem(int decimals) {
    return problem(decimals, Optional.empty());
  }

  /** {@link #problem(int)} with every vehicle taking {@code lunch}. */
  VrpProblem problem(int decimals, Optional<VrpBreak> lunch) {
    EuclideanMatrix matrix = new EuclideanMatrix(x, y, decimals);
    List<VrpVehicle> fleet = new ArrayList<>();
    for (int v = 0; v < vehicles; v++) {
      fleet.add(new VrpVehicle("v" + v, matrix, 0, 0, ready[0], due[0], capacity, Set.of(), lunch));
    }
    List<VrpJob> jobs = new ArrayList<>();
    for (int c = 1; c < x.length; c++) {
      jobs.add(new VrpJob(String.valueOf(c), c, service[c], List.of(new VrpWindow(ready[c], due[c])), 0, demand[c], Set.of(), true));
    }
    return new VrpProblem(fleet, jobs, TravelObjective.DISTANCE);
  }
}
