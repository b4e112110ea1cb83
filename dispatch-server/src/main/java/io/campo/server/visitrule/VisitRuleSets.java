package io.campo.server.visitrule;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The agency's visit rule sets in PostgreSQL, one row per version (blocking JDBC). Read at every visit judged rather
 * than cached: visits are a few per agent and hour, and every node then judges by the same, newest version.
 */
public final class VisitRuleSets {

  private final DataSource ds;

  public VisitRuleSets(DataSource ds) {
    this.ds = ds;
  }

  /** The newest version, or the built-in rules (version 0) when none was ever set. */
  public VisitRuleSet current() throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT version, rules::text, created_at, created_by FROM visit_rule_set ORDER BY version DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return VisitRuleSet.BUILT_IN;
      }
      VisitRuleSet read = VisitRuleSetReader.read(new JsonObject(rs.getString(2)));
      return new VisitRuleSet(rs.getLong(1), read.defaults(), read.overrides(), rs.getTimestamp(3).toInstant(), rs.getString(4));
    }
  }

  /** Stores {@code rules} as the new newest version. */
  VisitRuleSet add(VisitRuleSet rules, String byUser) throws SQLException {
    JsonObject stored = rules.json();
    stored.remove("version");
    stored.remove("createdAt");
    stored.remove("createdBy");
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO visit_rule_set (rules, created_by) VALUES (?::jsonb, ?) RETURNING version, created_at")) {
      ps.setString(1, stored.encode());
      ps.setString(2, byUser);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new VisitRuleSet(rs.getLong(1), rules.defaults(), rules.overrides(), rs.getTimestamp(2).toInstant(), byUser);
      }
    }
  }

  /** The rules for one debtor under the newest version: by its segment and the products of its debts. */
  public AppliedVisitRules forDebtor(Connection c, long debtorId) throws SQLException {
    String segment = null;
    Set<String> products = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT segment FROM debtor WHERE id = ?")) {
      ps.setLong(1, debtorId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          segment = rs.getString(1);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT product FROM debt WHERE debtor_id = ?")) {
      ps.setLong(1, debtorId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          products.add(rs.getString(1));
        }
      }
    }
    return current().resolve(segment, products);
  }
}
