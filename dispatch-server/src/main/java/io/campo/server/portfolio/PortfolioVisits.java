package io.campo.server.portfolio;

import io.campo.routing.api.Coordinate;
import io.campo.routing.api.Visit;
import io.campo.server.api.ApiException;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The visits a plan draws from the portfolio: debtors the plan's rules admit (consent to visits is theirs to judge:
 * the contact gate), who owe something and
 * have an address with coordinates (home before business), each valued by {@link Segmentation}
 * as of the plan's date with its promise history, raised after a broken commitment ({@link BrokenCommitments}) or
 * by a strategy's visit step ({@link StrategyVisitPool}),
 * most valuable first; only debtors the planner may see (a
 * dispatcher's plan never draws, and so never shows the address of, another team's debtor). The visit id is the debtor's external id, so the
 * phone reports the visit against the right debtor.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class PortfolioVisits {

  /**
   * Which debtors to visit, from the plan request's {@code "portfolio"} object.
   *
   * @param segment only this segment, or null
   * @param group only this group credit, or null
   * @param minDaysPastDue only debts at least this late
   * @param useContactWindows give the visits the windows and contact-scaled values learned from
   *     the debtors' visit history (the planning package does it; on unless the request says false)
   */
  public record Selection(int maxVisits, String segment, String group, long minDaysPastDue, Duration serviceTime,
      boolean useContactWindows) {

    static final int MAX_VISITS = 10_000;

    /** @throws ApiException 400 naming the offending field */
    public static Selection from(JsonObject o) {
      int max = whole(o, "maxVisits", 1000, 1, MAX_VISITS);
      int minDays = whole(o, "minDaysPastDue", 0, 0, 100_000);
      int service = whole(o, "serviceMinutes", 15, 1, 600);
      Object learned = o.getValue("useContactWindows");
      if (learned != null && !(learned instanceof Boolean)) {
        throw ApiException.badRequest("portfolio: 'useContactWindows' must be true or false, got " + learned);
      }
      return new Selection(max, text(o, "segment"), text(o, "group"), minDays, Duration.ofMinutes(service),
          !Boolean.FALSE.equals(learned));
    }

    private static int whole(JsonObject o, String name, int fallback, int min, int max) {
      Object v = o.getValue(name);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= min && n.longValue() <= max) {
        return n.intValue();
      }
      throw ApiException.badRequest("portfolio: '" + name + "' must be a whole number from " + min + " to " + max + ", got " + v);
    }

    private static String text(JsonObject o, String name) {
      Object v = o.getValue(name);
      if (v == null) {
        return null;
      }
      if (v instanceof String s && !s.isBlank()) {
        return s;
      }
      throw ApiException.badRequest("portfolio: '" + name + "' must be a non-empty string");
    }
  }

  /**
   * What the planning rules (cadence, territories) say of one drawn debtor: leave it out, or plan it, perhaps as a
   * must-visit, perhaps only for agents with some skills (an agent-reserved debtor).
   */
  public record Admission(boolean admitted, boolean mustVisit, Set<String> requiredSkills) {
    public static final Admission ANYONE = new Admission(true, false, Set.of());
    public static final Admission LEFT_OUT = new Admission(false, false, Set.of());

    public Admission {
      requiredSkills = Set.copyOf(requiredSkills);
    }
  }

  /** Judges each drawn debtor before the most valuable are kept, so that a left-out debtor never takes a place. */
  @FunctionalInterface
  public interface Rules {
    /**
     * @param consentVisits the imported {@code acepta_visitas}: the rules decide (the contact gate), so that a debtor
     *     left out for it is counted like any other
     * @param reservedAgent the agent the debtor is reserved for, or null
     */
    Admission judge(long debtorId, boolean consentVisits, String reservedAgent, Coordinate location);
  }

  private final DataSource dataSource;
  private final Segmentation segmentation;

  public PortfolioVisits(DataSource dataSource, Segmentation segmentation) {
    this.dataSource = dataSource;
    this.segmentation = segmentation;
  }

  private static final class Candidate {
    String externalId;
    Coordinate location;
    Admission admission;
    final List<Segmentation.DebtSegment> debts = new ArrayList<>();
    final List<BigDecimal> balances = new ArrayList<>();
  }

  public List<Visit> select(Selection selection, LocalDate planDate, DebtorScope planner) throws SQLException {
    // Without a plan's rules (the portfolio on its own): only the debtors who accept visits.
    return select(selection, planDate, planner, null, (debtor, consent, agent, location) -> consent ? Admission.ANYONE
        : Admission.LEFT_OUT);
  }

  /**
   * @param team only this team's debtors (null: every team the planner sees)
   * @param rules judge each debtor; must-visits come first, then the most valuable
   */
  public List<Visit> select(Selection selection, LocalDate planDate, DebtorScope planner, String team, Rules rules)
      throws SQLException {
    Map<Long, Candidate> byDebtor = new LinkedHashMap<>();
    Set<Long> leftOut = new java.util.HashSet<>();
    Set<Long> followUps;
    Map<Long, StrategyVisitPool.Raise> strategyVisits;
    try (Connection c = dataSource.getConnection()) {
      Map<Long, PromiseHistory> promises = PromiseRecords.all(c, planDate);
      followUps = BrokenCommitments.on(c, planDate);
      strategyVisits = StrategyVisitPool.open(c, planDate);
      try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.external_id, a.lat, a.lon, t.balance, t.due_date, d.agent_id,"
          + " d.consent_visits"
          + " FROM debtor d"
          + " JOIN LATERAL (SELECT lat, lon FROM address WHERE debtor_id = d.id AND active"
          + "   ORDER BY (kind = 'home') DESC, (kind = 'business') DESC, id LIMIT 1) a ON true"
          + " JOIN debt t ON t.debtor_id = d.id AND t.balance > 0"
          + " WHERE (?::text IS NULL OR d.segment = ?) AND (?::text IS NULL OR d.group_id = ?)"
          + " AND (? OR d.team_id = ANY (?)) AND (?::text IS NULL OR d.team_id = ?)"
          + " ORDER BY d.id")) {
        ps.setString(1, selection.segment());
        ps.setString(2, selection.segment());
        ps.setString(3, selection.group());
        ps.setString(4, selection.group());
        ps.setBoolean(5, planner.everyDebtor());
        ps.setArray(6, c.createArrayOf("text", planner.teams().toArray()));
        ps.setString(7, team);
        ps.setString(8, team);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long days = Segmentation.daysPastDue(rs.getObject(6, LocalDate.class), planDate);
            if (days < selection.minDaysPastDue()) {
              continue;
            }
            Candidate cand = byDebtor.get(rs.getLong(1));
            if (cand == null) {
              if (leftOut.contains(rs.getLong(1))) {
                continue;
              }
              Coordinate location = new Coordinate(rs.getDouble(3), rs.getDouble(4));
              Admission admission = rules.judge(rs.getLong(1), rs.getBoolean(8), rs.getString(7), location);
              if (!admission.admitted()) {
                // Judged once per debtor, not once per debt: the rules count what they leave out.
                leftOut.add(rs.getLong(1));
                continue;
              }
              cand = new Candidate();
              cand.externalId = rs.getString(2);
              cand.location = location;
              cand.admission = admission;
              byDebtor.put(rs.getLong(1), cand);
            }
            BigDecimal balance = rs.getBigDecimal(5);
            cand.debts.add(segmentation.debt(balance, days, promises.getOrDefault(rs.getLong(1), PromiseHistory.NONE)));
            cand.balances.add(balance);
          }
        }
      }
    }
    record Valued(Candidate candidate, long value) {}
    return byDebtor.entrySet().stream()
        .map(e -> {
          long value = segmentation.debtor(e.getValue().debts, e.getValue().balances).visitValue();
          long followedUp = followUps.contains(e.getKey()) ? BrokenCommitments.raised(value) : value;
          StrategyVisitPool.Raise step = strategyVisits.get(e.getKey());
          // A broken commitment and a strategy's visit step raise the same visit: the larger raise, not both.
          return new Valued(e.getValue(), step == null ? followedUp : Math.max(followedUp, StrategyVisitPool.raised(value, step)));
        })
        .sorted(Comparator.comparing((Valued v) -> !v.candidate().admission.mustVisit())
            .thenComparing(Comparator.comparingLong(Valued::value).reversed()).thenComparing(v -> v.candidate().externalId))
        .limit(selection.maxVisits())
        .map(v -> new Visit(v.candidate().externalId, v.candidate().location, selection.serviceTime(), List.of(),
            Math.max(1, v.value()), v.candidate().admission.requiredSkills(), v.candidate().admission.mustVisit()))
        .toList();
  }
}
