package io.campo.load.bench.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.bench.BenchArgumentException;
import io.campo.routing.planning.vrp.VrpBreak;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VRPTW benchmark on an instance of its own (Solomon's files are not part of the repository). */
class VrptwBenchmarkTest {

  @TempDir
  Path folder;

  @Test
  void aWorkBudgetGivesTheSameRoutesTwiceAndTheGapToTheTableBeside() throws Exception {
    Path instance = smallInstance();
    Files.writeString(folder.resolve("bks.csv"), "instance,vehicles,distance,distance_only_dimacs\nT101,2,100.0,100.0\n");
    List<String> args = List.of(instance.toString(), "--work", "2", "--seed", "3", "--threads", "1", "--time", "60s");

    String first = run(args);
    String again = run(args);

    String row = instanceRow(first);
    assertTrue(row.endsWith(" ok"), row);
    assertTrue(row.matches("T101 .* [+-]\\d+\\.\\d\\d% \\|.*"), "a gap to bks.csv: " + row);
    assertTrue(first.contains("at most 2 M matrix reads per thread"), first);
    assertTrue(first.indexOf("(warm-up: T101 solved once untimed") < first.indexOf("\nT101 "), "warmed up before the timed row: " + first);
    assertEquals(withoutTime(row), withoutTime(instanceRow(again)), "the work budget, not the clock, ends the search");
  }

  @Test
  void theLongShapeIsMeasuredAgainstOurReferenceTableWithARowPerInstance() throws Exception {
    BestKnownValues reference = BestKnownValues.resource(VrptwBenchmark.LONG_REFERENCE);
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      names.add("C10" + i);
    }
    for (int i = 1; i <= 12; i++) {
      names.add(String.format("R1%02d", i));
    }
    for (int i = 1; i <= 8; i++) {
      names.add("RC10" + i);
    }
    for (String name : names) {
      double distance = reference.number(name + "-long", "distance_only_dimacs").orElseThrow(() -> new AssertionError(name));
      assertTrue(distance > 500 && distance < 1000, name + ": " + distance);
    }

    String output = run(List.of(smallInstance().toString(), "--shape", "long", "--work", "1", "--threads", "1"));
    assertTrue(instanceRow(output).startsWith("T101-long "), output);
    assertTrue(instanceRow(output).endsWith(" ok"), output);
  }

  @Test
  void theLunchShapeGivesEveryVehicleALunchAndIsMeasuredAgainstTheLongTable() throws Exception {
    SolomonInstance day = SolomonInstance.read(smallInstance()).stretched(6, 1000);
    VrpBreak lunch = day.lunch();
    assertEquals(2400 * 4 / 9.0, lunch.earliestStart(), 1e-9);  // the depot's horizon 0..400, six times
    assertEquals(2400 * 6 / 9.0, lunch.latestStart(), 1e-9);
    assertEquals(200, lunch.duration(), 1e-9);
    assertTrue(day.problem(1, Optional.of(lunch)).vehicles().stream().allMatch(v -> v.lunch().equals(Optional.of(lunch))));

    Path table = folder.resolve("long.csv");
    Files.writeString(table, "instance,distance_only_dimacs\nT101-long,100.0\n");
    String output = run(List.of(smallInstance().toString(), "--shape", "lunch", "--work", "1", "--threads", "1", "--bks",
        table.toString()));

    String row = instanceRow(output);
    assertTrue(row.startsWith("T101-long "), output);
    assertTrue(row.matches("T101-long .* [+-]\\d+\\.\\d\\d% \\|.*"), "a gap to the table: " + row);
    assertTrue(row.endsWith(" ok"), "every route feasible with its lunch: " + row);
  }

  @Test
  void badFlagsSayWhatIsWrong() {
    Path instance = folder.resolve("T101.txt");
    assertThrows(BenchArgumentException.class, () -> run(List.of(instance.toString(), "--work", "-1")));
    assertThrows(BenchArgumentException.class, () -> run(List.of(instance.toString(), "--shape", "wide")));
  }

  /** Eight customers around a depot, windows wide enough for two vehicles. */
  private Path smallInstance() throws Exception {
    StringBuilder text = new StringBuilder("T101\n\nVEHICLE\nNUMBER     CAPACITY\n  3         40\n\nCUSTOMER\n"
        + "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n");
    text.append("    0      50         50          0          0       400          0\n");
    int[][] customers = {{60, 50}, {70, 55}, {40, 50}, {30, 45}, {50, 62}, {52, 75}, {50, 38}, {45, 25}};
    for (int c = 0; c < customers.length; c++) {
      text.append(String.format("    %d      %d         %d         10        %d        %d         10%n",
          c + 1, customers[c][0], customers[c][1], c * 10, 200 + c * 10));
    }
    Path file = folder.resolve("T101.txt");
    Files.writeString(file, text.toString());
    return file;
  }

  private static String run(List<String> args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, new VrptwBenchmark().run(args), "exit status");
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static String instanceRow(String output) {
    return output.lines().filter(line -> line.startsWith("T101")).findFirst().orElseThrow(() -> new AssertionError(output)).trim();
  }

  private static String withoutTime(String row) {
    return row.replaceAll("\\d+\\.\\d\\ds ", "");
  }
}
