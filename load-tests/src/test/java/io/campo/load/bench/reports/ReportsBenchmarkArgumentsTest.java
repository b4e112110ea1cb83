package io.campo.load.bench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.bench.BenchArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports bench's flags, filters and kept-folder file; everything that needs no server. */
class ReportsBenchmarkArgumentsTest {

  private final ReportsBenchmark bench = new ReportsBenchmark();

  @Test
  void refusesContradictoryOrMalformedFlagsBeforeStartingAnything(@TempDir Path dir) throws Exception {
    assertMessage("not both", List.of("--keep", dir.resolve("a").toString(), "--reuse", dir.toString()));
    Path kept = dir.resolve("kept");
    Files.createDirectories(kept);
    new KeptDatabase("pw", "UTC", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), 10, 2, 3, 15).write(kept);
    assertMessage("--visits shapes the generated data", List.of("--reuse", kept.toString(), "--visits", "5"));
    assertMessage("no bench-reports.properties", List.of("--reuse", dir.toString()));
    assertMessage("must be a new or empty folder", List.of("--keep", kept.toString(), "--visits", "5"));
    assertMessage("--rollups must be", List.of("--rollups", "sometimes", "--visits", "5"));
    assertMessage("--fix-every must be", List.of("--fix-every", "30s", "--visits", "5"));
    assertMessage("--fix-every must be", List.of("--fix-every", "1m30s", "--visits", "5"));
    assertMessage("--days must be between", List.of("--days", "2000"));
    assertMessage("unknown flag --rows", List.of("--rows", "5"));
  }

  @Test
  void aKeptFolderRemembersThePasswordAndTheRangeOwnerOnly(@TempDir Path dir) throws Exception {
    KeptDatabase written = new KeptDatabase("s3cret=x", "America/Mexico_City", LocalDate.of(2025, 11, 28),
        LocalDate.of(2026, 11, 27), 10_000_000, 500, 200_000, 15);
    written.write(dir);
    assertEquals(written, KeptDatabase.read(dir));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(KeptDatabase.FILE))));
  }

  @Test
  void filtersGoFromTheWholeRangeToOneSegmentAndNeverStartBeforeTheData() {
    List<ReportFilter> filters = ReportFilter.standard(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
    assertEquals(List.of("whole range", "one year", "one month", "one team", "one agent", "one segment"),
        filters.stream().map(ReportFilter::label).toList());
    assertEquals(LocalDate.of(2026, 10, 1), filters.get(1).from(), "a year is clamped to the generated month");
    assertEquals("from=2026-10-01&to=2026-10-31&team=bt-001", filters.get(3).queryString());
    assertEquals("from=2026-10-01&to=2026-10-31&agent=ba-00001", filters.get(4).queryString());
    assertTrue(filters.get(5).describe().contains("segment B"), filters.get(5).describe());
    List<ReportFilter> year = ReportFilter.standard(LocalDate.of(2024, 1, 1), LocalDate.of(2026, 6, 30));
    assertEquals(LocalDate.of(2025, 7, 1), year.get(1).from());
    assertEquals(LocalDate.of(2026, 5, 31), year.get(2).from());
  }

  @Test
  void timingsReportTheMedianAndTheWorstRun() {
    ReportTimer.Timing odd = new ReportTimer.Timing(200, "", new double[] {30, 10, 20});
    assertEquals(20, odd.p50());
    assertEquals(30, odd.max());
    assertEquals(15, new ReportTimer.Timing(200, "", new double[] {20, 10}).p50());
  }

  private void assertMessage(String expected, List<String> args) {
    BenchArgumentException e = assertThrows(BenchArgumentException.class, () -> bench.run(args));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
