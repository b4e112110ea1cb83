package io.campo.load.bench.reports;

import io.campo.load.bench.BenchArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Properties;

/**
 * What a kept data folder ({@code --keep DIR}) holds besides PostgreSQL's files, so that
 * {@code --reuse DIR} can log in and query the same range: the admin password (the server stores
 * only its hash) and the generated shape. Written owner-only, after the load succeeded, so a
 * folder whose load was interrupted is refused rather than measured.
 */
record KeptDatabase(String adminPassword, String zone, LocalDate firstDay, LocalDate lastDay, long visits, int agents,
    int debtors, int fixEveryMinutes) {

  static final String FILE = "bench-reports.properties";

  static KeptDatabase read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new BenchArgumentException("--reuse " + dir + ": no " + FILE + " there; make one with --keep " + dir
          + " (a run interrupted during the load leaves none)");
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    return new KeptDatabase(p.getProperty("adminPassword"), p.getProperty("zone"), LocalDate.parse(p.getProperty("firstDay")),
        LocalDate.parse(p.getProperty("lastDay")), Long.parseLong(p.getProperty("visits")),
        Integer.parseInt(p.getProperty("agents")), Integer.parseInt(p.getProperty("debtors")),
        Integer.parseInt(p.getProperty("fixEveryMinutes")));
  }

  void write(Path dir) throws IOException {
    Properties p = new Properties();
    p.setProperty("adminPassword", adminPassword);
    p.setProperty("zone", zone);
    p.setProperty("firstDay", firstDay.toString());
    p.setProperty("lastDay", lastDay.toString());
    p.setProperty("visits", Long.toString(visits));
    p.setProperty("agents", Integer.toString(agents));
    p.setProperty("debtors", Integer.toString(debtors));
    p.setProperty("fixEveryMinutes", Integer.toString(fixEveryMinutes));
    Path file = dir.resolve(FILE);
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, "campo bench reports: the generated data in this folder");
    }
  }
}
