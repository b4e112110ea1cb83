package io.campo.server.portfolio;

import io.campo.server.team.DebtorScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a portfolio in two passes over the body. The first reads and checks every row, so a body
 * that cannot be read to its end is refused before anything is written. The second writes the valid
 * rows in batches of {@link #BATCH_ROWS}, one transaction each; should the database refuse a batch,
 * its rows are written again one transaction per row, so a refused row never takes its neighbours
 * with it and no row is ever half-written. The importer's {@link DebtorScope} decides which teams its rows may
 * write into (see {@link ImportTeamRule}). Blocking (JDBC): run it off the event loop.
 */
public final class PortfolioImport {

  /** Large enough that a batch costs a few round trips per thousand rows, small enough to report progress often. */
  static final int BATCH_ROWS = 2_000;
  /** A file of a million bad rows must not become an answer of a million reasons. */
  public static final int MAX_LISTED_REJECTIONS = 10_000;

  /** Told after each batch how many of the body's rows are done. */
  public interface ProgressListener {
    void progress(int rowsDone, int rowsTotal);
  }

  private static final Logger log = LoggerFactory.getLogger(PortfolioImport.class);

  private final DataSource dataSource;
  private final ImportRowReader reader;
  private final PortfolioUpserts upserts = new PortfolioUpserts();

  /** @param phones reads the rows' phone numbers into E.164 in the agency's country */
  public PortfolioImport(DataSource dataSource, E164Phones phones) {
    this.dataSource = dataSource;
    this.reader = new ImportRowReader(phones);
  }

  /** Imports a CSV body (UTF-8; comma, semicolon or tab; Spanish or English headers). */
  public ImportReport csv(byte[] body, String actor, DebtorScope importer, String importId, ProgressListener progress)
      throws SQLException {
    return run(new CsvImportSource(body), actor, importer, importId, progress);
  }

  /** Imports a JSON body: an array of objects with the CSV's column names. */
  public ImportReport json(String body, String actor, DebtorScope importer, String importId, ProgressListener progress)
      throws SQLException {
    return run(new JsonImportSource(body), actor, importer, importId, progress);
  }

  ImportReport run(ImportSource source, String actor, DebtorScope importer, String importId, ProgressListener progress)
      throws SQLException {
    long started = System.nanoTime();
    List<ImportRow.Rejection> rejected = new ArrayList<>();
    List<ImportRow.Warning> warned = new ArrayList<>();
    int[] total = {0};
    source.forEachRow(new ImportSource.RowSink() {
      @Override
      public void row(int line, Map<ImportColumn, String> cells) {
        total[0]++;
        ImportRowReader.Result result = reader.read(line, cells);
        if (result instanceof ImportRowReader.Invalid invalid) {
          rejected.add(invalid.rejection());
        } else if (result instanceof ImportRowReader.Valid valid && !valid.warnings().isEmpty()
            && warned.size() < MAX_LISTED_REJECTIONS) {
          warned.add(new ImportRow.Warning(line, valid.row().externalId(), valid.warnings()));
        }
      }

      @Override
      public void malformed(int line, String reason) {
        total[0]++;
        rejected.add(new ImportRow.Rejection(line, null, List.of(reason)));
      }
    });

    Set<String> created = new HashSet<>();
    Set<String> updated = new HashSet<>();
    List<ImportRow> batch = new ArrayList<>(BATCH_ROWS);
    int[] seen = {0};
    int[] reported = {-1};
    Runnable flush = () -> {
      try {
        writeBatch(batch, actor, importer, importId, created, updated, rejected);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      batch.clear();
      reported[0] = seen[0];
      progress.progress(seen[0], total[0]);
    };
    try {
      source.forEachRow(new ImportSource.RowSink() {
        @Override
        public void row(int line, Map<ImportColumn, String> cells) {
          seen[0]++;
          if (reader.read(line, cells) instanceof ImportRowReader.Valid valid) {
            batch.add(valid.row());
            if (batch.size() == BATCH_ROWS) {
              flush.run();
            }
          }
        }

        @Override
        public void malformed(int line, String reason) {
          seen[0]++;
        }
      });
      if (!batch.isEmpty()) {
        flush.run();
      }
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof SQLException s) {
        throw s;
      }
      throw e;
    }
    if (reported[0] != total[0] || total[0] == 0) {
      progress.progress(total[0], total[0]);
    }
    updated.removeAll(created);
    rejected.sort(Comparator.comparingInt(ImportRow.Rejection::line));
    int rejectedCount = rejected.size();
    List<ImportRow.Rejection> listed = List.copyOf(rejected.subList(0, Math.min(rejectedCount, MAX_LISTED_REJECTIONS)));
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info("import {} by {}: {} rows, {} debtors created, {} updated, {} rows rejected in {} ms", importId, actor, total[0],
        created.size(), updated.size(), rejectedCount, millis);
    return new ImportReport(importId, total[0], created.size(), updated.size(), listed, rejectedCount, source.ignoredColumns(),
        millis, List.copyOf(warned));
  }

  private void writeBatch(List<ImportRow> batch, String actor, DebtorScope importer, String importId, Set<String> created,
      Set<String> updated, List<ImportRow.Rejection> rejected) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        PortfolioUpserts.Written w = upserts.write(c, batch, actor, importId, importer);
        c.commit();
        record(w, created, updated, rejected);
        return;
      } catch (SQLException e) {
        c.rollback();
        rethrowIfDatabaseDown(e);
        log.warn("import {}: a batch of {} rows was refused ({}); writing its rows one by one", importId, batch.size(),
            e.getMessage());
      }
      for (ImportRow row : batch) {
        try {
          PortfolioUpserts.Written w = upserts.write(c, List.of(row), actor, importId, importer);
          c.commit();
          record(w, created, updated, rejected);
        } catch (SQLException e) {
          c.rollback();
          rethrowIfDatabaseDown(e);
          rejected.add(new ImportRow.Rejection(row.line(), row.externalId(),
              List.of("the database refused the row: " + firstLine(e.getMessage()))));
        }
      }
    }
  }

  /** A lost connection is no reason to reject rows: the import fails instead (500), and may be sent again. */
  private static void rethrowIfDatabaseDown(SQLException e) throws SQLException {
    if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
      throw e;
    }
  }

  /** Only once committed: a batch rolled back is judged again row by row, and its refusals with it. */
  private static void record(PortfolioUpserts.Written w, Set<String> created, Set<String> updated,
      List<ImportRow.Rejection> rejected) {
    created.addAll(w.created());
    updated.addAll(w.updated());
    rejected.addAll(w.refused());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
