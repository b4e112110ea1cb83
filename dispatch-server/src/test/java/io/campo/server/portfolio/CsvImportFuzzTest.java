package io.campo.server.portfolio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.campo.server.CpuBudget;
import io.campo.server.api.ApiException;
import java.nio.charset.StandardCharsets;

/**
 * Whatever file a dispatcher uploads, the CSV import's reader (the file, then each row) answers with rows, row-level
 * reasons or an {@link ApiException} (a 400 saying what is wrong with the file) — nothing else — and no input costs
 * over 100 ms. Seeds: {@code CsvImportFuzzTestInputs/reads/}.
 */
class CsvImportFuzzTest {

  static {
    CpuBudget.warmUp(() -> new CsvImportSource("id,name,phone,balance,currency\nC-1,Ana,5512345678,\"1.234,50\",MXN\n".getBytes(StandardCharsets.UTF_8))
        .forEachRow(new EveryRow()));
  }

  /** Reads every row as the import does; a malformed row is a row-level reason, as in the import's report. */
  private static final class EveryRow implements ImportSource.RowSink {
    private final ImportRowReader reader = new ImportRowReader(new E164Phones("MX"));

    @Override
    public void row(int line, java.util.Map<ImportColumn, String> cells) {
      reader.read(line, cells);
    }

    @Override
    public void malformed(int line, String reason) {}
  }

  @FuzzTest(maxDuration = "8s")
  void reads(byte[] body) {
    CpuBudget.within(() -> {
      try {
        new CsvImportSource(body).forEachRow(new EveryRow());
      } catch (ApiException e) {
        // the documented answer to a file that cannot be read
      }
    });
  }
}
