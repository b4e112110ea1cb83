package io.campo.server.questionnaire;

import io.campo.server.api.ApiException;
import io.campo.server.database.Jsonb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The versions of every questionnaire in {@code questionnaire_version}. Versions are only ever
 * added (the table refuses updates and deletes): a visit stores the key and version it was
 * checked against, so that version must stay as it was.
 *
 * <p>Blocking (JDBC): call off the event loop. Thread-safe.
 */
public final class QuestionnaireStore {

  private static final String COLUMNS = "key, version, product, segment, valid_from, questions::text, created_by, created_at";

  private final DataSource dataSource;

  public QuestionnaireStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Adds the next version of the draft's key. Refused (409) when it would start no later than the
   * key's latest version — versions take over in the order they are numbered — or when another
   * questionnaire's latest version already aims at the same product and segment.
   */
  QuestionnaireVersion create(QuestionnaireDraft draft, String createdBy) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('questionnaire:' || ?))")) {
          ps.setString(1, draft.key());
          ps.execute();
        }
        int version = 1;
        try (PreparedStatement ps = c.prepareStatement("SELECT version, valid_from FROM questionnaire_version WHERE key = ?"
            + " ORDER BY version DESC LIMIT 1")) {
          ps.setString(1, draft.key());
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              version = rs.getInt(1) + 1;
              Instant latestFrom = rs.getTimestamp(2).toInstant();
              if (!draft.validFrom().isAfter(latestFrom)) {
                throw new ApiException(409, "version " + rs.getInt(1) + " of '" + draft.key() + "' is in force from " + latestFrom
                    + "; a new version must start later ('validFrom' " + draft.validFrom() + ")");
              }
            }
          }
        }
        refuseSameTarget(c, draft);
        Instant createdAt;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO questionnaire_version (key, version, product, segment,"
            + " valid_from, questions, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING created_at")) {
          ps.setString(1, draft.key());
          ps.setInt(2, version);
          ps.setString(3, draft.product());
          ps.setString(4, draft.segment());
          ps.setTimestamp(5, Timestamp.from(draft.validFrom()));
          ps.setObject(6, Jsonb.of(QuestionnaireJson.questions(draft.questions())));
          ps.setString(7, createdBy);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            createdAt = rs.getTimestamp(1).toInstant();
          }
        }
        c.commit();
        return new QuestionnaireVersion(draft.key(), version, draft.product(), draft.segment(), draft.validFrom(),
            draft.questions(), createdBy, createdAt);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Two questionnaires for one target would make the choice at visit time arbitrary. */
  private static void refuseSameTarget(Connection c, QuestionnaireDraft draft) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT key FROM (SELECT DISTINCT ON (key) key, product, segment"
        + " FROM questionnaire_version WHERE key <> ? ORDER BY key, version DESC) latest"
        + " WHERE lower(coalesce(product, '')) = lower(coalesce(?, '')) AND lower(coalesce(segment, '')) = lower(coalesce(?, ''))"
        + " LIMIT 1")) {
      ps.setString(1, draft.key());
      ps.setString(2, draft.product());
      ps.setString(3, draft.segment());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          throw new ApiException(409, "questionnaire '" + rs.getString(1) + "' already applies to " + target(draft)
              + "; add a version to it instead of a second questionnaire");
        }
      }
    }
  }

  /** For each key, the version in force at {@code at}; keys with no version in force yet are left out. */
  public List<QuestionnaireVersion> inForce(Instant at) throws SQLException {
    return query("SELECT DISTINCT ON (key) " + COLUMNS + " FROM questionnaire_version WHERE valid_from <= ?"
        + " ORDER BY key, valid_from DESC, version DESC", at);
  }

  /** For each key, the version in force at {@code now}, or its first scheduled version when none is in force yet. */
  List<QuestionnaireVersion> current(Instant now) throws SQLException {
    return query("SELECT DISTINCT ON (key) " + COLUMNS + " FROM questionnaire_version"
        + " ORDER BY key, valid_from <= ? DESC, CASE WHEN valid_from <= ? THEN valid_from END DESC, valid_from", now, now);
  }

  /** Every version of one key, newest first; empty when there is no such questionnaire. */
  List<QuestionnaireVersion> versions(String key) throws SQLException {
    return query("SELECT " + COLUMNS + " FROM questionnaire_version WHERE key = ? ORDER BY version DESC", key);
  }

  private List<QuestionnaireVersion> query(String sql, Object... parameters) throws SQLException {
    List<QuestionnaireVersion> versions = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i] instanceof Instant t ? Timestamp.from(t) : parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          versions.add(new QuestionnaireVersion(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
              rs.getTimestamp(5).toInstant(), QuestionnaireJson.questions(rs.getString(6)), rs.getString(7),
              rs.getTimestamp(8).toInstant()));
        }
      }
    }
    return versions;
  }

  static String target(QuestionnaireDraft d) {
    if (d.product() != null && d.segment() != null) {
      return "product '" + d.product() + "' in segment '" + d.segment() + "'";
    }
    return d.product() != null ? "product '" + d.product() + "'" : "segment '" + d.segment() + "'";
  }
}
