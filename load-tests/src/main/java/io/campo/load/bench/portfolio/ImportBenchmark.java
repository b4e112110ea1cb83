package io.campo.load.bench.portfolio;

import io.campo.load.bench.BenchCommand;
import io.campo.load.bench.CommandLineFlags;
import io.campo.server.CampoServer;
import io.campo.server.config.CampoConfig;
import io.campo.server.portfolio.PortfolioHandlers;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code ./campo bench import}: {@code POST /api/debtors/import} of a generated portfolio CSV —
 * every column a real export has, Spanish headers, semicolons and decimal commas — on the real
 * server and a fresh embedded PostgreSQL (or {@code CAMPO_DB_URL}). Timed from the first byte
 * sent to the answer; run twice with {@code --repeat 2} to time the update path too.
 */
public final class ImportBenchmark implements BenchCommand {

  @Override
  public String name() {
    return "import";
  }

  @Override
  public String usage() {
    return "[--rows 100000] [--repeat 1] [--seed 1]";
  }

  @Override
  public int run(java.util.List<String> args) throws Exception {
    CommandLineFlags flags = CommandLineFlags.parse(args, Set.of("rows", "repeat", "seed"));
    int rows = flags.integer("rows", 100_000, 1, 5_000_000);
    int repeat = flags.integer("repeat", 1, 1, 10);
    int seed = flags.integer("seed", 1, 0, Integer.MAX_VALUE);
    byte[] csv = portfolio(rows, new Random(seed));
    System.out.printf("portfolio: %,d rows, %,.1f MB of CSV%n", rows, csv.length / 1e6);

    Path dataDir = Files.createTempDirectory("campo-bench-import-");
    String password = UUID.randomUUID().toString();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CAMPO_DATA_DIR", dataDir.toString());
    env.put("CAMPO_BIND", "127.0.0.1");
    env.put("CAMPO_HTTP_PORT", "0");
    env.put("CAMPO_MQTT_PORT", "0");
    env.put("CAMPO_MQTT_WS_PORT", "-1");
    env.put("CAMPO_OSMAND_PORT", "-1");
    env.put("CAMPO_ADMIN_PASSWORD", password);
    env.put("CAMPO_ROADS", "none");
    try (CampoServer server = CampoServer.start(CampoConfig.from(env))) {
      AtomicInteger progressEvents = new AtomicInteger();
      server.vertx().eventBus().<JsonObject>consumer(PortfolioHandlers.PROGRESS_ADDRESS, m -> {
        if ("import.progress".equals(m.body().getString("type"))) {
          progressEvents.incrementAndGet();
        }
      });
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.httpPort();
      String token = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin").put("password", password).encode()))
          .build(), HttpResponse.BodyHandlers.ofString()).body()).getString("token");
      for (int run = 1; run <= repeat; run++) {
        progressEvents.set(0);
        long started = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/debtors/import"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        if (r.statusCode() != 200) {
          System.err.println("import failed: " + r.statusCode() + " " + r.body());
          return 1;
        }
        JsonObject report = new JsonObject(r.body());
        System.out.printf("run %d: %,d rows in %.2f s (%,.0f rows/s; server %,d ms): imported %,d, updated %,d, rejected %,d;"
                + " %d progress events%n", run, report.getInteger("rows"), seconds, rows / seconds, report.getLong("millis"),
            report.getInteger("imported"), report.getInteger("updated"), report.getInteger("rejectedCount"), progressEvents.get());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("could not delete " + dataDir + ": " + e.getMessage());
      }
    }
    return 0;
  }

  /** A portfolio as a Mexican lender exports it; one debtor in ten has a second loan, one in five is in a group. */
  static byte[] portfolio(int rows, Random random) {
    String[] first = {"María", "José", "Guadalupe", "Juan", "Ana", "Luis", "Rosa", "Pedro", "Carmen", "Jesús"};
    String[] last = {"Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz"};
    String[] products = {"microcrédito", "nómina", "personal", "motocicleta"};
    StringBuilder csv = new StringBuilder(rows * 160);
    csv.append("cliente_id;nombre;telefono;segmento;producto;credito;moneda;capital;saldo;fecha_vencimiento;latitud;longitud;"
        + "direccion;radio;grupo;rol;acepta_llamadas\r\n");
    LocalDate today = LocalDate.now();
    int debtor = 0;
    for (int i = 0; i < rows; i++) {
      boolean secondLoan = i > 0 && random.nextInt(10) == 0;
      if (!secondLoan) {
        debtor++;
      }
      long principal = 2_000 + random.nextInt(98_000);
      long balanceCents = (long) (principal * 100 * (0.1 + random.nextDouble()));
      boolean grouped = debtor % 5 == 0;
      csv.append("CL-").append(debtor).append(';')
          .append(first[debtor % first.length]).append(' ').append(last[(debtor / 10) % last.length]).append(' ')
          .append(last[(debtor / 100) % last.length]).append(';')
          .append("55").append(10_000_000 + random.nextInt(89_999_999)).append(';')
          .append((char) ('A' + random.nextInt(4))).append(';')
          .append(products[random.nextInt(products.length)]).append(';')
          .append("CR-").append(i + 1).append(";MXN;")
          .append(principal).append(",00;")
          .append(balanceCents / 100).append(',').append(String.format("%02d", balanceCents % 100)).append(';');
      LocalDate due = today.minusDays(random.nextInt(200) - 20);
      csv.append(String.format("%02d/%02d/%d", due.getDayOfMonth(), due.getMonthValue(), due.getYear())).append(';')
          .append(String.format(java.util.Locale.ROOT, "%.6f;%.6f;", 19.2 + random.nextDouble() * 0.5, -99.3 + random.nextDouble() * 0.4))
          .append("\"Calle ").append(random.nextInt(300)).append(" #").append(random.nextInt(999)).append(", Col. Centro\";")
          .append(random.nextInt(4) == 0 ? "100" : "").append(';')
          .append(grouped ? "GR-" + debtor / 25 : "").append(';')
          .append(grouped ? (debtor % 25 == 0 ? "presidenta" : "integrante") : "").append(';')
          .append(random.nextBoolean() ? "si" : "no").append("\r\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }
}
