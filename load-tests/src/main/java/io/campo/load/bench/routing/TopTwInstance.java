package io.campo.load.bench.routing;

import io.campo.routing.planning.vrp.EuclideanMatrix;
import io.campo.routing.planning.vrp.TravelObjective;
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
 * An orienteering-with-time-windows instance in Vansteenwegen's TOPTW format: a header line, a
 * line not used here, then per vertex {@code i x y d S f a list… O C} (service duration d, profit
 * S, window O..C; the list's length is a). Vertex 0 is the start and end; its closing time is the
 * route's time budget. Distances are Euclidean, truncated to one decimal for the Solomon-based
 * instances.
 */
record TopTwInstance(String name, double[] x, double[] y, double[] service, int[] profit, double[] open, double[] close) {

  static TopTwInstance read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length < 7) {
        continue;
      }
      double[] row = new double[7];
      for (int k = 0; k < 5; k++) {
        row[k] = Double.parseDouble(parts[k]);
      }
      row[5] = Double.parseDouble(parts[parts.length - 2]);
      row[6] = Double.parseDouble(parts[parts.length - 1]);
      rows.add(row);
    }
    if (rows.size() < 2) {
      throw new IOException(file + " is not a TOPTW instance (fewer than two vertices)");
    }
    int n = rows.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] service = new double[n];
    int[] profit = new int[n];
    double[] open = new double[n];
    double[] close = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = rows.get(i);
      x[i] = row[1];
      y[i] = row[2];
      service[i] = row[3];
      profit[i] = (int) Math.round(row[4]);
      open[i] = row[5];
      close[i] = row[6];
    }
    return new TopTwInstance(BenchArguments.instanceName(file), x, y, service, profit, open, close);
  }

  int totalProfit() {
    int total = 0;
    for (int p : profit) {
      total += p;
    }
    return total;
  }

  /** One route from vertex 0 back to it within its closing time; every customer optional, worth its profit. */
  VrpProblem problem() {
    EuclideanMatrix matrix = new EuclideanMatrix(x, y, 1);
    VrpVehicle vehicle = new VrpVehicle("route", matrix, 0, 0, open[0], close[0], Integer.MAX_VALUE, Set.of(), Optional.empty());
    List<VrpJob> jobs = new ArrayList<>();
    for (int c = 1; c < x.length; c++) {
      jobs.add(new VrpJob(String.valueOf(c), c, service[c], List.of(new VrpWindow(open[c], close[c])), profit[c], 1, Set.of(), false));
    }
    return new VrpProblem(List.of(vehicle), jobs, TravelObjective.DISTANCE);
  }
}
