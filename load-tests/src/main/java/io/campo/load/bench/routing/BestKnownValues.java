package io.campo.load.bench.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A reference table in CSV with a header row and the instance name in the first column, e.g.
 * Solomon's {@code bks.csv} ({@code instance,vehicles,distance,distance_only_dimacs}) or the
 * orienteering {@code optimal_one_route.csv}. Names match case-insensitively; lines starting with {@code #} are
 * comments.
 */
final class BestKnownValues {

  private final Map<String, Map<String, String>> rows;

  private BestKnownValues(Map<String, Map<String, String>> rows) {
    this.rows = rows;
  }

  static BestKnownValues read(Path csv) throws IOException {
    return parse(Files.readAllLines(csv), csv.toString());
  }

  /** A table shipped with the benchmarks, e.g. {@code vrptw/long-reference.csv}. */
  static BestKnownValues resource(String name) throws IOException {
    try (InputStream in = BestKnownValues.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IOException("no " + name + " on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), name);
    }
  }

  private static BestKnownValues parse(List<String> allLines, String source) throws IOException {
    List<String> lines = allLines.stream().filter(line -> !line.startsWith("#")).toList();
    if (lines.isEmpty()) {
      throw new IOException(source + " is empty");
    }
    String[] header = lines.get(0).trim().split(",");
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.trim().split(",");
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < Math.min(header.length, cells.length); i++) {
        row.put(header[i], cells[i]);
      }
      rows.put(cells[0].toLowerCase(Locale.ROOT), row);
    }
    return new BestKnownValues(rows);
  }

  /** Looks for {@code name}.csv-style tables next to the first instance file: {@code bks.csv} beside {@code R101.txt}. */
  static Optional<BestKnownValues> besides(Path instanceFile, String tableName) throws IOException {
    Path parent = instanceFile.toAbsolutePath().getParent();
    Path table = parent == null ? Path.of(tableName) : parent.resolve(tableName);
    return Files.isRegularFile(table) ? Optional.of(read(table)) : Optional.empty();
  }

  Optional<Double> number(String instance, String column) {
    Map<String, String> row = rows.get(instance.toLowerCase(Locale.ROOT));
    if (row == null || !row.containsKey(column)) {
      return Optional.empty();
    }
    return Optional.of(Double.parseDouble(row.get(column)));
  }
}
