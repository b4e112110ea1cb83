package io.campo.server.questionnaire;

import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The questionnaire step of recording a visit: finds the version in force at the check-in for
 * the debtor ({@link ApplicableQuestionnaire}) and checks the answers against it ({@link
 * AnswerValidator}). A visit captured offline is judged by the version of its own time, not by
 * the one in force when it arrives.
 *
 * <p>Blocking (JDBC): call off the event loop. Thread-safe.
 */
public final class QuestionnaireCheck {

  private final DataSource dataSource;
  private final QuestionnaireStore store;

  public QuestionnaireCheck(DataSource dataSource, QuestionnaireStore store) {
    this.dataSource = dataSource;
    this.store = store;
  }

  /**
   * @param answers the visit's answers, or null when it sent none
   * @return the version the answers were checked against; empty when none applies to the debtor
   *     (the answers are then kept as given)
   * @throws ApiException 400 naming every offending question
   */
  public Optional<QuestionnaireVersion> check(long debtorId, Instant checkInAt, JsonObject answers) throws SQLException {
    List<QuestionnaireVersion> inForce = store.inForce(checkInAt);
    if (inForce.isEmpty()) {
      return Optional.empty();
    }
    Optional<QuestionnaireVersion> applicable = applicable(debtorId, inForce);
    if (applicable.isPresent()) {
      QuestionnaireVersion v = applicable.get();
      List<AnswerError> errors = AnswerValidator.validate(v.questions(), plain(answers));
      if (!errors.isEmpty()) {
        throw ApiException.badRequest("'answers' do not fit questionnaire '" + v.key() + "' version " + v.version()
            + " (in force at the check-in " + checkInAt + "): "
            + errors.stream().map(AnswerError::message).collect(Collectors.joining("; ")));
      }
    }
    return applicable;
  }

  private Optional<QuestionnaireVersion> applicable(long debtorId, List<QuestionnaireVersion> inForce) throws SQLException {
    String segment = null;
    List<ApplicableQuestionnaire.Debt> debts = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT d.segment, t.product, t.balance FROM debtor d"
            + " LEFT JOIN debt t ON t.debtor_id = d.id WHERE d.id = ?")) {
      ps.setLong(1, debtorId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          segment = rs.getString(1);
          if (rs.getString(2) != null) {
            debts.add(new ApplicableQuestionnaire.Debt(rs.getString(2), rs.getBigDecimal(3)));
          }
        }
      }
    }
    return ApplicableQuestionnaire.choose(inForce, segment, debts);
  }

  /** JSON values as the plain Java values {@link AnswerValidator} takes (a list for an array). */
  private static Map<String, Object> plain(JsonObject answers) {
    Map<String, Object> plain = new LinkedHashMap<>();
    if (answers != null) {
      for (String name : answers.fieldNames()) {
        Object value = answers.getValue(name);
        plain.put(name, value instanceof JsonArray a ? a.getList() : value);
      }
    }
    return plain;
  }
}
