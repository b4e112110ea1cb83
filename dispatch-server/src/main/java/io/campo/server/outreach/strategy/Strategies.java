package io.campo.server.outreach.strategy;

import io.campo.server.api.ApiException;
import io.campo.server.outreach.campaign.CampaignRequest;
import io.campo.server.outreach.campaign.Campaigns;
import io.campo.server.outreach.channel.Channel;
import io.campo.server.portfolio.PromiseRecords;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standing strategies (issue #15 item 5): stored rules that every day turn the debtors they select into a campaign of
 * the step's template, or (a visit step) into field visits in the planner's pool ({@link VisitStep}). {@link #runDay} is the daily job; it runs once across the cluster (OnceAcrossCluster) and each
 * strategy at most once per local day ({@code strategy_run} is claimed first). The messages go through the same queue
 * and compliance gate as any campaign, so one made at midnight waits for the contact hours. Blocking (JDBC).
 */
public final class Strategies {

  static final String ACTOR = "strategy";
  private static final Logger log = LoggerFactory.getLogger(Strategies.class);

  /**
   * A strategy step as stored.
   *
   * @param channel the message's channel; null for a visit step
   * @param templateId the message's template; null for a visit step
   * @param valueFactor how much a visit step raises the debtor's visit value; null for a message step
   * @param mustVisit whether a visit step makes the debtor a must-visit of the plans that draw it
   */
  public record Strategy(long id, String name, String segment, StrategyRule rule, int offsetDays, StepKind kind,
      Channel channel, Long templateId, BigDecimal valueFactor, boolean mustVisit, boolean active) {

    JsonObject toJson() {
      JsonObject o = new JsonObject().put("id", id).put("name", name).put("segment", segment).put("rule", rule.id())
          .put("offsetDays", offsetDays).put("kind", kind.id()).put("active", active);
      if (kind == StepKind.MESSAGE) {
        o.put("channel", channel.id()).put("template", templateId);
      } else {
        o.put("valueFactor", valueFactor.toPlainString()).put("mustVisit", mustVisit);
      }
      return o;
    }
  }

  /** A visit step's raise when the request names none: the same as a broken commitment's ({@code BrokenCommitments}). */
  static final BigDecimal DEFAULT_VALUE_FACTOR = new BigDecimal("1.5");
  static final BigDecimal MAX_VALUE_FACTOR = BigDecimal.TEN;
  private static final String COLUMNS = "id, name, segment, rule, offset_days, kind, channel, template_id, value_factor,"
      + " must_visit, active";

  private final DataSource dataSource;
  private final Campaigns campaigns;

  public Strategies(DataSource dataSource, Campaigns campaigns) {
    this.dataSource = dataSource;
    this.campaigns = campaigns;
  }

  /**
   * Stores a strategy from {@code {"name","segment"?,"rule","offsetDays"?,"kind"?,…}}: a message step ({@code "kind":
   * "message"}, the default) names {@code "channel"} and {@code "template"} (id or name); a visit step ({@code "kind":
   * "visit"}) may name {@code "valueFactor"} (1 to 10, default 1.5) and {@code "mustVisit"} (default: true for
   * {@code promise_broken}, else false).
   */
  public JsonObject create(JsonObject o, String actor) throws SQLException {
    List<String> reasons = new ArrayList<>();
    String name = o.getValue("name") instanceof String s && !s.isBlank() ? s.strip() : null;
    if (name == null || name.length() > 200) {
      reasons.add("name is required (at most 200 characters)");
    }
    String segment = o.getValue("segment") instanceof String s && !s.isBlank() ? s.strip() : null;
    StrategyRule rule = o.getValue("rule") instanceof String s ? StrategyRule.parse(s).orElse(null) : null;
    if (rule == null) {
      reasons.add("rule must be days_from_due, promise_due_tomorrow, installment_due_tomorrow or promise_broken");
    }
    Object offset = o.getValue("offsetDays", rule == StrategyRule.PROMISE_BROKEN ? 1 : 0);
    int offsetDays = 0;
    if (offset instanceof Number n && n.doubleValue() == n.intValue() && Math.abs(n.intValue()) <= 365) {
      offsetDays = n.intValue();
      if (rule == StrategyRule.PROMISE_BROKEN && offsetDays < 1) {
        reasons.add("offsetDays of promise_broken must be at least 1 (1: the promise was for yesterday)");
      }
    } else {
      reasons.add("offsetDays must be a whole number of days between -365 and 365 (-3: three days before the due date)");
    }
    StepKind kind = o.getValue("kind", "message") instanceof String s ? StepKind.parse(s).orElse(null) : null;
    if (kind == null) {
      reasons.add("kind must be message or visit");
    }
    Channel channel = null;
    Object template = o.getValue("template");
    BigDecimal factor = null;
    boolean mustVisit = false;
    if (kind == StepKind.MESSAGE) {
      channel = o.getValue("channel") instanceof String s ? Channel.parse(s).orElse(null) : null;
      if (channel == null) {
        reasons.add("channel must be whatsapp, sms or email");
      }
      if (!(template instanceof String) && !(template instanceof Number)) {
        reasons.add("template is required: the template's id or its name on the channel");
      }
      if (o.getValue("valueFactor") != null || o.getValue("mustVisit") != null) {
        reasons.add("valueFactor and mustVisit belong to visit steps (\"kind\": \"visit\"), not to messages");
      }
    } else if (kind == StepKind.VISIT) {
      if (o.getValue("channel") != null || template != null) {
        reasons.add("a visit step sends no message: leave out channel and template");
      }
      factor = valueFactor(o.getValue("valueFactor"), reasons);
      Object must = o.getValue("mustVisit", rule == StrategyRule.PROMISE_BROKEN);
      if (must instanceof Boolean b) {
        mustVisit = b;
      } else {
        reasons.add("mustVisit must be true or false");
      }
    }
    if (!reasons.isEmpty()) {
      throw ApiException.badRequest("strategy refused: " + String.join("; ", reasons));
    }
    try (Connection c = dataSource.getConnection()) {
      if (kind == StepKind.VISIT) {
        return createVisitStep(c, name, segment, rule, offsetDays, factor, mustVisit, actor);
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO outreach_strategy (name, segment, rule, offset_days, channel,"
            + " template_id, created_by) SELECT ?, ?, ?, ?, ?, t.id, ? FROM message_template t"
            + " WHERE t.channel = ? AND (t.id::text = ? OR t.name = ?) ORDER BY t.language <> 'es_MX', t.id LIMIT 1"
            + " ON CONFLICT (name) DO NOTHING RETURNING id")) {
        ps.setString(1, name);
        ps.setString(2, segment);
        ps.setString(3, rule.id());
        ps.setInt(4, offsetDays);
        ps.setString(5, channel.id());
        ps.setString(6, actor);
        ps.setString(7, channel.id());
        ps.setString(8, String.valueOf(template));
        ps.setString(9, String.valueOf(template));
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return byId(c, rs.getLong(1)).toJson();
          }
        }
      }
      if (exists(c, name)) {
        throw new ApiException(409, "a strategy named '" + name + "' exists already");
      }
      throw ApiException.badRequest("no " + channel.id() + " template " + template + "; create it with POST /api/message-templates");
    }
  }

  private static BigDecimal valueFactor(Object v, List<String> reasons) {
    if (v == null) {
      return DEFAULT_VALUE_FACTOR;
    }
    BigDecimal f = null;
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      f = new BigDecimal(n.toString());
    } else if (v instanceof String s && s.strip().matches("[0-9]{1,2}(\\.[0-9]{1,2})?")) {
      f = new BigDecimal(s.strip());
    }
    if (f == null || f.compareTo(BigDecimal.ONE) < 0 || f.compareTo(MAX_VALUE_FACTOR) > 0 || f.scale() > 2) {
      reasons.add("valueFactor must be a number from 1 to 10 with at most 2 decimals (1.5 raises the visit's value by half),"
          + " got " + v);
      return null;
    }
    return f;
  }

  private static JsonObject createVisitStep(Connection c, String name, String segment, StrategyRule rule, int offsetDays,
      BigDecimal factor, boolean mustVisit, String actor) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO outreach_strategy (name, segment, rule, offset_days, kind,"
        + " value_factor, must_visit, created_by) VALUES (?, ?, ?, ?, 'visit', ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id")) {
      ps.setString(1, name);
      ps.setString(2, segment);
      ps.setString(3, rule.id());
      ps.setInt(4, offsetDays);
      ps.setBigDecimal(5, factor);
      ps.setBoolean(6, mustVisit);
      ps.setString(7, actor);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return byId(c, rs.getLong(1)).toJson();
        }
      }
    }
    throw new ApiException(409, "a strategy named '" + name + "' exists already");
  }

  public JsonArray list() throws SQLException {
    JsonArray out = new JsonArray();
    for (Strategy s : active(false)) {
      out.add(s.toJson());
    }
    return out;
  }

  /**
   * The daily job: every active strategy whose day {@code today} is not yet taken makes its campaign.
   *
   * @return how many campaigns were made
   */
  public int runDay(LocalDate today, Instant now) throws SQLException {
    int made = 0;
    for (Strategy s : active(true)) {
      try {
        made += runOne(s, today, now) ? 1 : 0;
      } catch (SQLException | RuntimeException e) {
        // One broken strategy (its template deleted, say) must not keep the others from running.
        log.warn("strategy '{}' on {} failed: {}", s.name(), today, e.toString());
      }
    }
    return made;
  }

  private boolean runOne(Strategy s, LocalDate today, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO strategy_run (strategy_id, run_date) VALUES (?, ?)"
          + " ON CONFLICT DO NOTHING")) {
        ps.setLong(1, s.id());
        ps.setObject(2, today);
        if (ps.executeUpdate() == 0) {
          return false;
        }
      }
      List<Selected> selected = select(c, s, today);
      Long campaign = null;
      int debtors = selected.size();
      if (s.kind() == StepKind.VISIT) {
        debtors = VisitStep.add(c, s, today, selected.stream().map(Selected::debtorId).toList(), now);
      } else if (!selected.isEmpty()) {
        CampaignRequest request = new CampaignRequest(s.name() + " " + today, s.channel(), s.templateId(), null,
            new CampaignRequest.Debtors(selected.stream().map(Selected::externalId).toList()), now);
        campaign = campaigns.create(request, DebtorScope.ALL, ACTOR, today, s.name()).id();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE strategy_run SET campaign_id = ?, debtors = ?"
          + " WHERE strategy_id = ? AND run_date = ?")) {
        ps.setObject(1, campaign);
        ps.setInt(2, debtors);
        ps.setLong(3, s.id());
        ps.setObject(4, today);
        ps.executeUpdate();
      }
      return campaign != null || (s.kind() == StepKind.VISIT && debtors > 0);
    }
  }

  /** A debtor a rule selected: its row id and external id. */
  record Selected(long debtorId, String externalId) {}

  private static List<Selected> select(Connection c, Strategy s, LocalDate today) throws SQLException {
    // The debtor's date that makes today the day: due (or promised for) offsetDays ago, or a promise or installment
    // for tomorrow.
    boolean tomorrow = s.rule() == StrategyRule.PROMISE_DUE_TOMORROW || s.rule() == StrategyRule.INSTALLMENT_DUE_TOMORROW;
    LocalDate day = tomorrow ? today.plusDays(1) : today.minusDays(s.offsetDays());
    String sql = switch (s.rule()) {
      case DAYS_FROM_DUE -> "SELECT DISTINCT d.id, d.external_id FROM debtor d JOIN debt t ON t.debtor_id = d.id"
          + " WHERE t.balance > 0 AND t.due_date = ? AND (?::text IS NULL OR d.segment = ?)";
      case PROMISE_DUE_TOMORROW, PROMISE_BROKEN -> "SELECT DISTINCT d.id, d.external_id FROM debtor d JOIN "
          + PromiseRecords.MADE + " p ON p.debtor_id = d.id WHERE p.due_date = ? AND NOT " + PromiseRecords.MADE_IS_KEPT
          + " AND (?::text IS NULL OR d.segment = ?)";
      // Covered is judged by the payments up to the end of today (the states as of today): tomorrow is still to come.
      case INSTALLMENT_DUE_TOMORROW -> "SELECT DISTINCT d.id, d.external_id FROM agreement_installment i"
          + " JOIN agreement a ON a.id = i.agreement_id AND a.status = 'confirmed' JOIN debtor d ON d.id = a.debtor_id"
          + " CROSS JOIN LATERAL agreement_installment_states(?, a.id, NULL) st"
          + " WHERE i.due_date = ? AND st.seq = i.seq AND st.state <> 'paid' AND (?::text IS NULL OR d.segment = ?)";
    };
    List<Selected> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (s.rule() == StrategyRule.INSTALLMENT_DUE_TOMORROW) {
        ps.setObject(i++, today);
      }
      ps.setObject(i++, day);
      ps.setString(i++, s.segment());
      ps.setString(i, s.segment());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Selected(rs.getLong(1), rs.getString(2)));
        }
      }
    }
    return out;
  }

  private List<Strategy> active(boolean onlyActive) throws SQLException {
    List<Strategy> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
            + " FROM outreach_strategy" + (onlyActive ? " WHERE active" : "") + " ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs));
      }
    }
    return out;
  }

  private static Strategy byId(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outreach_strategy WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return read(rs);
      }
    }
  }

  private static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outreach_strategy WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Strategy read(ResultSet rs) throws SQLException {
    String channel = rs.getString(7);
    Long template = rs.getObject(8, Long.class);
    return new Strategy(rs.getLong(1), rs.getString(2), rs.getString(3), StrategyRule.parse(rs.getString(4)).orElseThrow(),
        rs.getInt(5), StepKind.parse(rs.getString(6)).orElseThrow(), channel == null ? null : Channel.parse(channel).orElseThrow(),
        template, rs.getBigDecimal(9), rs.getBoolean(10), rs.getBoolean(11));
  }
}
