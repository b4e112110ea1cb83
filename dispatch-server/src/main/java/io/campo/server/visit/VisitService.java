package io.campo.server.visit;

import io.campo.server.api.ApiException;
import io.campo.server.api.IdempotentReplay;
import io.campo.server.payments.PaymentLedger;
import io.campo.server.payments.agreement.AgreementTerms;
import io.campo.server.payments.agreement.Agreements;
import io.campo.server.portfolio.ClientLog;
import io.campo.server.questionnaire.QuestionnaireCheck;
import io.campo.server.questionnaire.QuestionnaireVersion;
import io.campo.server.visitrule.AppliedVisitRules;
import io.campo.server.visitrule.VisitRuleSets;
import io.campo.tracking.geofence.Geofence;
import io.campo.tracking.storage.TelemetryStore;
import io.campo.tracking.visit.CheckIn;
import io.campo.tracking.visit.FailureReason;
import io.campo.tracking.visit.VisitValidator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import io.campo.server.database.Jsonb;
import io.campo.server.notification.VisitNotices;

/**
 * Records visits: each judged by {@link VisitValidator} against the address geofence and the
 * agent's own stored track at the time of the check-in, stored VALID or REJECTED (never
 * dropped) together with its client-log entries and the supervisor's e-mail notice, once per
 * (agent, Idempotency-Key).
 *
 * <p>Answers are first checked against the questionnaire in force at the check-in ({@link
 * QuestionnaireCheck}); answers that do not fit are refused with 400 and nothing is stored.
 *
 * <p>Blocking (JDBC): call off the event loop. Thread-safe.
 */
public final class VisitService {

  /** The visit as stored, and whether this call created it (false: an idempotent retry). */
  public record Recorded(boolean created, JsonObject visit) {}

  private final DataSource dataSource;
  private final VisitJudge judge;
  private final VisitNotices notices;
  private final QuestionnaireCheck questionnaires;
  private final AwaitingTrack awaiting;
  private final Clock clock;
  private final VisitRuleSets ruleSets;

  /**
   * @param awaiting where visits rejected only for want of track are kept while a late backlog may still prove them
   */
  public VisitService(DataSource dataSource, TelemetryStore telemetry, VisitValidator validator, VisitNotices notices,
      QuestionnaireCheck questionnaires, AwaitingTrack awaiting, Clock clock) {
    this(dataSource, telemetry, validator, notices, questionnaires, awaiting, clock, null);
  }

  /**
   * @param validator its rules' lateness and re-judging settings apply to every rule set
   * @param ruleSets the agency's visit rules (null: the validator's rules for every visit)
   */
  public VisitService(DataSource dataSource, TelemetryStore telemetry, VisitValidator validator, VisitNotices notices,
      QuestionnaireCheck questionnaires, AwaitingTrack awaiting, Clock clock, VisitRuleSets ruleSets) {
    this.ruleSets = ruleSets;
    this.dataSource = dataSource;
    this.judge = new VisitJudge(telemetry, validator);
    this.notices = notices;
    this.questionnaires = questionnaires;
    this.awaiting = awaiting;
    this.clock = clock;
  }

  Recorded record(String agentId, String idempotencyKey, String requestHash, VisitSubmission s) throws SQLException {
    Optional<Recorded> replay = replay(agentId, idempotencyKey, requestHash);
    if (replay.isPresent()) {
      return replay.get();
    }
    long debtorId;
    String debtorName;
    List<Geofence> geofences;
    AppliedVisitRules rules;
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM debtor WHERE external_id = ?")) {
        ps.setString(1, s.debtorExternalId());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new ApiException(422, "no debtor '" + s.debtorExternalId() + "'; import the portfolio first");
          }
          debtorId = rs.getLong(1);
          debtorName = rs.getString(2);
        }
      }
      rules = ruleSets == null ? null : ruleSets.forDebtor(c, debtorId);
      geofences = VisitJudge.activeAddresses(c, debtorId, rules == null ? null : rules.values().radiusMeters());
    }
    // Before the track: a form the agent must correct is refused (400), never stored as a visit.
    Optional<QuestionnaireVersion> questionnaire =
        questionnaires.check(debtorId, Instant.ofEpochMilli(s.checkIn().timeMillis()), s.answers());
    VisitJudge.Verdict verdict = judgeBy(rules, agentId, s.checkIn(), geofences);
    Recorded recorded = insert(agentId, idempotencyKey, requestHash, s, debtorId, debtorName, verdict.valid(), verdict.validation(),
        questionnaire);
    if (recorded.created() && verdict.awaitsTrack()) {
      long id = recorded.visit().getLong("id");
      awaiting.add(awaited(id, agentId, s.checkIn(), clock.millis(), verdict.validation()));
      // Fixes committed between the track read above and this registration woke no one: look once more.
      return rejudge(id).map(Rejudged::visit).map(v -> new Recorded(true, v)).orElse(recorded);
    }
    return recorded;
  }

  /** The outcome of judging a visit again: its stored form when the verdict changed, and whether it still awaits track. */
  public record Rejudged(JsonObject visit, boolean stillAwaitsTrack) {}

  /**
   * Judges a visit rejected only for want of track again, on the track stored now. When the
   * verdict changes (status or reasons) the visit is updated and the change logged in the client
   * log; the caller tells the live map. Empty when the visit is no longer REJECTED or nothing
   * changed.
   *
   * <p>Never holds two pooled connections at once (the track is read between the visit's read and
   * its update, which checks that nobody changed the visit meanwhile): a backlog waking many
   * visits at once must not starve the pool that the writers and the API share.
   */
  public Optional<Rejudged> rejudge(long visitId) throws SQLException {
    for (int attempt = 0; attempt < 3; attempt++) {
      String agentId;
      long debtorId;
      CheckIn checkIn;
      String beforeText;
      List<Geofence> geofences;
      AppliedVisitRules rules;
      try (Connection c = dataSource.getConnection()) {
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, debtor_id, check_in_at, check_in_lat, check_in_lon,"
            + " check_in_accuracy, check_out_at, status, validation::text FROM visit WHERE id = ?")) {
          ps.setLong(1, visitId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !rs.getString(8).equals("REJECTED")) {
              awaiting.removeId(visitId);
              return Optional.empty();
            }
            agentId = rs.getString(1);
            debtorId = rs.getLong(2);
            checkIn = new CheckIn(rs.getTimestamp(3).getTime(), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
                rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).getTime());
            beforeText = rs.getString(9);
          }
        }
        // By the rules that judged it first, never by a later version (docs/visit-rules.md).
        rules = ruleSets == null ? null : AppliedVisitRules.recordedIn(new JsonObject(beforeText));
        geofences = VisitJudge.activeAddresses(c, debtorId, rules == null ? null : rules.values().radiusMeters());
      }
      JsonObject before = new JsonObject(beforeText);
      VisitJudge.Verdict verdict = judgeBy(rules, agentId, checkIn, geofences);
      boolean stillAwaits = verdict.awaitsTrack();
      if (!stillAwaits) {
        awaiting.remove(agentId, visitId);
      }
      if (verdict.valid() == before.getBoolean("valid", false) && reasons(verdict.validation()).equals(reasons(before))) {
        return Optional.empty();
      }
      if (storeRejudged(visitId, agentId, debtorId, beforeText, before, verdict)) {
        return Optional.of(new Rejudged(find(visitId).orElseThrow(), stillAwaits));
      }
      // Judged again meanwhile (another fix's commit, another node) or overridden: read it afresh.
    }
    return Optional.empty();
  }

  /** @return false when the visit is no longer as it was read ({@code beforeText}), so nothing was written */
  private boolean storeRejudged(long visitId, String agentId, long debtorId, String beforeText, JsonObject before,
      VisitJudge.Verdict verdict) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        JsonObject validation = verdict.validation().put("rejudgedAt", Instant.ofEpochMilli(clock.millis()).toString());
        try (PreparedStatement ps = c.prepareStatement("UPDATE visit SET status = ?, validation = ?"
            + " WHERE id = ? AND status = 'REJECTED' AND validation = ?::jsonb")) {
          ps.setString(1, verdict.valid() ? "VALID" : "REJECTED");
          ps.setObject(2, Jsonb.of(validation));
          ps.setLong(3, visitId);
          ps.setString(4, beforeText);
          if (ps.executeUpdate() == 0) {
            c.rollback();
            return false;
          }
        }
        if (verdict.valid()) {
          fieldPaymentIfPaid(c, visitId);
        }
        String now = verdict.valid()
            ? "valid" + (validation.getBoolean("lateEvidence", false)
                ? " on late evidence (track received up to " + validation.getLong("evidenceDelaySeconds") / 60 + " min late)" : "")
            : "still rejected: " + reasons(validation);
        ClientLog.append(c, debtorId, agentId, ClientLog.Kind.VISIT, "visit " + visitId + " by " + agentId
            + " judged again when its track arrived (was rejected: " + reasons(before) + "): " + now,
            new JsonObject().put("visitId", visitId).put("rejudged", true).put("status", verdict.valid() ? "VALID" : "REJECTED"));
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * The visits recorded since {@code since} that are rejected only for want of track: what a
   * starting node, or one catching up with the visits other nodes recorded, must await.
   */
  public List<AwaitingTrack.Visit> awaitingTrackSince(Instant since) throws SQLException {
    List<AwaitingTrack.Visit> visits = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, agent_id, check_in_at, check_out_at, received_at, validation::text"
            + " FROM visit WHERE status = 'REJECTED' AND received_at > ?")) {
      ps.setTimestamp(1, Timestamp.from(since));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!awaitsTrack(new JsonObject(rs.getString(6)))) {
            continue;
          }
          CheckIn times = new CheckIn(rs.getTimestamp(3).getTime(), 0, 0, 0, rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).getTime());
          visits.add(awaited(rs.getLong(1), rs.getString(2), times, rs.getTimestamp(5).getTime(), new JsonObject(rs.getString(6))));
        }
      }
    }
    return visits;
  }

  private AwaitingTrack.Visit awaited(long id, String agentId, CheckIn checkIn, long recordedAtMillis, JsonObject validation) {
    VisitValidator rulesValidator = ruleSets == null ? judge.validator() : validatorFor(AppliedVisitRules.recordedIn(validation));
    long[] window = rulesValidator.trackWindow(checkIn);
    return new AwaitingTrack.Visit(id, agentId, window[0], window[1],
        recordedAtMillis + judge.validator().rules().rejudgeFor().toMillis());
  }

  /** Judged by the visit's rules (null: the validator's), which are recorded in the verdict. */
  private VisitJudge.Verdict judgeBy(AppliedVisitRules rules, String agentId, CheckIn checkIn, List<Geofence> geofences)
      throws SQLException {
    if (rules == null) {
      return judge.judge(agentId, checkIn, geofences);
    }
    VisitJudge.Verdict v = judge.judge(agentId, checkIn, geofences, validatorFor(rules));
    v.validation().put("ruleSet", rules.json());
    return v;
  }

  private VisitValidator validatorFor(AppliedVisitRules rules) {
    return new VisitValidator(rules.values().validationRules(judge.validator().rules()));
  }

  /** The stored verdict's reasons are all ones more track may undo (the rule is the validator's). */
  private static boolean awaitsTrack(JsonObject validation) {
    JsonArray failures = validation.getJsonArray("failures", new JsonArray());
    if (failures.isEmpty()) {
      return false;
    }
    for (Object f : failures) {
      String code = ((JsonObject) f).getString("reason", "");
      boolean known = java.util.Arrays.stream(FailureReason.values()).anyMatch(r -> r.code().equals(code));
      if (!known || !FailureReason.valueOf(code.toUpperCase(java.util.Locale.ROOT)).awaitsTrack()) {
        return false;
      }
    }
    return true;
  }

  private Recorded insert(String agentId, String key, String hash, VisitSubmission s, long debtorId, String debtorName,
      boolean valid, JsonObject validation, Optional<QuestionnaireVersion> questionnaire) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id,"
            + " address_id, plan_id, check_in_at, check_in_lat, check_in_lon, check_in_accuracy, check_out_at, outcome,"
            + " outcome_details, answers, status, validation, questionnaire_key, questionnaire_version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (agent_id, idempotency_key) DO NOTHING RETURNING id")) {
          ps.setString(1, agentId);
          ps.setString(2, key);
          ps.setString(3, hash);
          ps.setLong(4, debtorId);
          setLong(ps, 5, validation.getLong("addressId"));
          setLong(ps, 6, s.planId());
          ps.setTimestamp(7, Timestamp.from(Instant.ofEpochMilli(s.checkIn().timeMillis())));
          ps.setDouble(8, s.checkIn().lat());
          ps.setDouble(9, s.checkIn().lon());
          ps.setDouble(10, s.checkIn().accuracyMeters());
          ps.setTimestamp(11, s.checkIn().checkOutMillis() == null ? null : Timestamp.from(Instant.ofEpochMilli(s.checkIn().checkOutMillis())));
          ps.setString(12, s.outcome());
          ps.setObject(13, Jsonb.of(s.outcomeDetails()));
          ps.setObject(14, Jsonb.of(s.answers()));
          ps.setString(15, valid ? "VALID" : "REJECTED");
          ps.setObject(16, Jsonb.of(validation));
          ps.setString(17, questionnaire.map(QuestionnaireVersion::key).orElse(null));
          ps.setObject(18, questionnaire.map(QuestionnaireVersion::version).orElse(null), java.sql.Types.INTEGER);
          try (ResultSet rs = ps.executeQuery()) {
            id = rs.next() ? rs.getLong(1) : null;
          }
        }
        if (id == null) {
          // The same retry raced this one and won: answer with what it stored.
          c.rollback();
          return replay(agentId, key, hash).orElseThrow();
        }
        String verdict = valid ? "valid" : "rejected: " + reasons(validation);
        ClientLog.append(c, debtorId, agentId, ClientLog.Kind.VISIT,
            "visit by " + agentId + " to " + debtorName + ", " + verdict, new JsonObject().put("visitId", id));
        ClientLog.append(c, debtorId, agentId, ClientLog.Kind.OUTCOME, outcomeSummary(s), s.outcomeDetails().copy().put("visitId", id));
        if (s.outcome().equals("PROMISE")) {
          ClientLog.append(c, debtorId, agentId, ClientLog.Kind.PROMISE, "promise to pay " + s.outcomeDetails().getString("amount")
              + " " + s.outcomeDetails().getString("currency") + " by " + s.outcomeDetails().getString("date"),
              s.outcomeDetails().copy().put("visitId", id));
        }
        if (valid) {
          fieldPaymentIfPaid(c, id);
        }
        if (s.outcome().equals("AGREEMENT")) {
          // Proposed whatever the verdict: a dispatcher confirms it, and reads the visit's validation before doing so.
          Agreements.propose(c, debtorId, id, agentId, agreementTerms(s.outcomeDetails()),
              Instant.ofEpochMilli(s.checkIn().timeMillis()));
        }
        notices.visitRecorded(c, agentId, debtorName, new JsonObject().put("id", id).put("debtor", s.debtorExternalId())
            .put("status", valid ? "VALID" : "REJECTED")
            .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(s.checkIn().timeMillis()).toString()))
            .put("outcome", s.outcomeDetails().copy().put("type", s.outcome()))
            .put("validation", validation));
        c.commit();
        return new Recorded(true, find(id).orElseThrow());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Marks a rejected visit valid on a dispatcher's written reason, audited in {@code
   * visit_override} and the client log.
   */
  JsonObject override(long visitId, String user, String reason) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long debtorId;
        try (PreparedStatement ps = c.prepareStatement("SELECT status, debtor_id FROM visit WHERE id = ? FOR UPDATE")) {
          ps.setLong(1, visitId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw ApiException.notFound("no visit " + visitId);
            }
            if (!rs.getString(1).equals("REJECTED")) {
              throw new ApiException(409, "visit " + visitId + " is " + rs.getString(1) + "; only rejected visits can be overridden");
            }
            debtorId = rs.getLong(2);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE visit SET status = 'OVERRIDDEN' WHERE id = ?")) {
          ps.setLong(1, visitId);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit_override (visit_id, by_user, reason) VALUES (?, ?, ?)")) {
          ps.setLong(1, visitId);
          ps.setString(2, user);
          ps.setString(3, reason);
          ps.executeUpdate();
        }
        fieldPaymentIfPaid(c, visitId);
        ClientLog.append(c, debtorId, user, ClientLog.Kind.OVERRIDE, "visit " + visitId + " accepted by " + user + ": " + reason,
            new JsonObject().put("visitId", visitId));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return find(visitId).orElseThrow();
  }

  private Optional<Recorded> replay(String agentId, String key, String hash) throws SQLException {
    Optional<Long> stored = IdempotentReplay.storedId(dataSource, "visit", "visit", agentId, key, hash);
    return stored.isEmpty() ? Optional.empty() : Optional.of(new Recorded(false, find(stored.get()).orElseThrow()));
  }

  /** The visit as the API shows it. */
  public Optional<JsonObject> find(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT v.agent_id, d.external_id, v.status, v.check_in_at, v.check_in_lat,"
            + " v.check_in_lon, v.check_in_accuracy, v.check_out_at, v.outcome, v.outcome_details::text, v.answers::text,"
            + " v.plan_id, v.validation::text, v.received_at, v.questionnaire_key, v.questionnaire_version,"
            + " (SELECT json_build_object('by', o.by_user, 'reason', o.reason, 'at', o.at)::text FROM visit_override o"
            + "   WHERE o.visit_id = v.id ORDER BY o.id DESC LIMIT 1)"
            + " FROM visit v JOIN debtor d ON d.id = v.debtor_id WHERE v.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        JsonObject validation = new JsonObject(rs.getString(13));
        JsonObject visit = new JsonObject().put("id", id).put("agentId", rs.getString(1)).put("debtor", rs.getString(2))
            .put("status", rs.getString(3))
            .put("checkIn", new JsonObject().put("at", rs.getTimestamp(4).toInstant().toString()).put("lat", rs.getDouble(5))
                .put("lon", rs.getDouble(6)).put("accuracy", rs.getDouble(7)))
            .put("checkOutAt", rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant().toString())
            .put("outcome", new JsonObject(rs.getString(10)).put("type", rs.getString(9)))
            .put("answers", rs.getString(11) == null ? null : new JsonObject(rs.getString(11)))
            .put("planId", rs.getObject(12))
            .put("validation", validation)
            .put("ruleSet", validation.getJsonObject("ruleSet"))
            .put("lateEvidence", validation.getBoolean("lateEvidence", false))
            .put("evidenceDelaySeconds", validation.getLong("evidenceDelaySeconds"))
            .put("flags", validation.getBoolean("lateEvidence", false) ? new JsonArray().add("late_evidence") : new JsonArray())
            .put("receivedAt", rs.getTimestamp(14).toInstant().toString());
        visit.put("questionnaire", rs.getString(15) == null ? null
            : new JsonObject().put("key", rs.getString(15)).put("version", rs.getInt(16)));
        if (rs.getString(17) != null) {
          visit.put("override", new JsonObject(rs.getString(17)));
        }
        return Optional.of(visit);
      }
    }
  }

  /**
   * A PAID visit that counts (not REJECTED) writes its field payment to the ledger in the visit's own transaction:
   * when stored valid, when judged valid on late track, when a dispatcher overrides its rejection. A rejected one
   * does not: money nobody could verify must not lower a balance. The ledger is idempotent by the visit's id.
   */
  private static void fieldPaymentIfPaid(Connection c, long visitId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT v.outcome_details->>'amount', v.outcome_details->>'currency',"
        + " v.check_in_at, v.agent_id, d.external_id FROM visit v JOIN debtor d ON d.id = v.debtor_id"
        + " WHERE v.id = ? AND v.outcome = 'PAID' AND v.status <> 'REJECTED'")) {
      ps.setLong(1, visitId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getString(1) != null && rs.getString(2) != null) {
          PaymentLedger.recordFieldPayment(c, visitId, rs.getString(5), rs.getString(4), new java.math.BigDecimal(rs.getString(1)),
              rs.getString(2), rs.getTimestamp(3).toInstant());
        }
      }
    }
  }

  /** The terms as VisitRequestReader stored them in the outcome's details. */
  private static AgreementTerms agreementTerms(JsonObject d) {
    List<AgreementTerms.Installment> installments = new ArrayList<>();
    d.getJsonArray("installments").forEach(o -> installments.add(new AgreementTerms.Installment(
        java.time.LocalDate.parse(((JsonObject) o).getString("date")), new java.math.BigDecimal(((JsonObject) o).getString("amount")))));
    List<String> contracts = new ArrayList<>();
    d.getJsonArray("contracts").forEach(c -> contracts.add((String) c));
    return new AgreementTerms(contracts, d.getString("currency"), installments);
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, java.sql.Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static String reasons(JsonObject validation) {
    List<String> r = new ArrayList<>();
    validation.getJsonArray("failures").forEach(f -> r.add(((JsonObject) f).getString("reason")));
    return String.join(", ", r);
  }

  private static String outcomeSummary(VisitSubmission s) {
    JsonObject d = s.outcomeDetails();
    return switch (s.outcome()) {
      case "PAID" -> "paid " + d.getString("amount") + " " + d.getString("currency") + ", receipt " + d.getString("receipt");
      case "PROMISE" -> "promised " + d.getString("amount") + " " + d.getString("currency") + " by " + d.getString("date");
      case "INCIDENT" -> "incident: " + d.getString("incident") + (d.getString("note") == null ? "" : " (" + d.getString("note") + ")");
      default -> s.outcome().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

}
