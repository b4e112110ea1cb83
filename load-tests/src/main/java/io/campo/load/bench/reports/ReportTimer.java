package io.campo.load.bench.reports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times {@code GET path?filter} through the real HTTP API as an admin: one untimed warm-up, then
 * {@code repeat} sequential timed requests, each from the first byte sent to the whole body read.
 */
final class ReportTimer {

  /** The timed requests of one report and filter; {@code status} is the warm-up's HTTP status. */
  record Timing(int status, String body, double[] millis) {

    double p50() {
      double[] sorted = millis.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double max() {
      return Arrays.stream(millis).max().orElse(Double.NaN);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  ReportTimer(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** @return the timings; none when the warm-up did not answer 200 (its status and body say why) */
  Timing time(String path, ReportFilter filter, int repeat) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path + "?" + filter.queryString()))
        .header("Authorization", "Bearer " + token).GET().build();
    HttpResponse<String> warmUp = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (warmUp.statusCode() != 200) {
      return new Timing(warmUp.statusCode(), warmUp.body(), new double[0]);
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      long started = System.nanoTime();
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      double ms = (System.nanoTime() - started) / 1e6;
      if (r.statusCode() != 200) {
        throw new IOException(path + " " + filter.describe() + " answered " + r.statusCode() + " on run " + (i + 1) + ": " + r.body());
      }
      millis.add(ms);
    }
    return new Timing(200, warmUp.body(), millis.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
