package io.campo.load.bench.reports;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** One report request the bench times: a label and the query parameters shared by both reports. */
record ReportFilter(String label, LocalDate from, LocalDate to, String agent, String team, String segment) {

  /**
   * Whole range, its last year, its last month, then one team, one agent and one segment over the
   * whole range: from the widest scan of the rollup to the narrowest.
   */
  static List<ReportFilter> standard(LocalDate first, LocalDate last) {
    List<ReportFilter> filters = new ArrayList<>();
    filters.add(new ReportFilter("whole range", first, last, null, null, null));
    LocalDate yearStart = max(first, last.minusYears(1).plusDays(1));
    filters.add(new ReportFilter("one year", yearStart, last, null, null, null));
    filters.add(new ReportFilter("one month", max(first, last.minusMonths(1).plusDays(1)), last, null, null, null));
    filters.add(new ReportFilter("one team", first, last, null, ReportDataGenerator.teamId(0), null));
    filters.add(new ReportFilter("one agent", first, last, ReportDataGenerator.agentId(0), null, null));
    filters.add(new ReportFilter("one segment", first, last, null, null, "B"));
    return filters;
  }

  String queryString() {
    StringBuilder q = new StringBuilder("from=").append(from).append("&to=").append(to);
    append(q, "agent", agent);
    append(q, "team", team);
    append(q, "segment", segment);
    return q.toString();
  }

  String describe() {
    StringBuilder d = new StringBuilder(label).append(" (").append(from).append("..").append(to);
    if (agent != null) {
      d.append(", agent ").append(agent);
    }
    if (team != null) {
      d.append(", team ").append(team);
    }
    if (segment != null) {
      d.append(", segment ").append(segment);
    }
    return d.append(')').toString();
  }

  private static void append(StringBuilder q, String name, String value) {
    if (value != null) {
      q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
