package io.campo.server.outreach.campaign;

import io.campo.server.api.ApiException;
import io.campo.server.outreach.channel.Channel;
import io.campo.server.outreach.template.MessageTemplate;
import io.campo.server.outreach.template.MessageTemplates;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Campaigns: one {@code campaign} row and one queued {@code outbound_message} per debtor it selects, written in one
 * transaction, so a campaign exists with all its messages or not at all. Only debtors the creator may see are selected.
 * Blocking (JDBC); thread-safe.
 */
public final class Campaigns {

  /** A created campaign and how many messages it queued. */
  public record Created(long id, int queued, Instant sendAt) {}

  private final DataSource dataSource;

  public Campaigns(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @param strategy the standing strategy step that creates it, or null for one made through the API
   * @throws ApiException 400 for an unknown template, one of another channel, or debtors the caller cannot see
   */
  public Created create(CampaignRequest r, DebtorScope scope, String actor, LocalDate today, String strategy) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        MessageTemplate template = template(c, r);
        if (r.selection() instanceof CampaignRequest.Debtors d) {
          requireVisible(c, d.externalIds(), scope);
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaign (name, channel, template_id, send_at, selection,"
            + " strategy, created_by) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id")) {
          ps.setString(1, r.name());
          ps.setString(2, r.channel().id());
          ps.setLong(3, template.id());
          ps.setTimestamp(4, Timestamp.from(r.sendAt()));
          ps.setString(5, r.selection().toJson().encode());
          ps.setString(6, strategy);
          ps.setString(7, actor);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
        }
        List<Object> params = new ArrayList<>();
        String where = where(r.selection(), scope, today, params);
        int queued;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_message (campaign_id, debtor_id, channel, template_id,"
            + " due_at) SELECT ?, d.id, ?, ?, ? FROM debtor d WHERE " + where + " ON CONFLICT DO NOTHING")) {
          ps.setLong(1, id);
          ps.setString(2, r.channel().id());
          ps.setLong(3, template.id());
          ps.setTimestamp(4, Timestamp.from(r.sendAt()));
          for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String[] a) {
              ps.setArray(5 + i, c.createArrayOf("text", a));
            } else {
              ps.setObject(5 + i, p);
            }
          }
          queued = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE campaign SET audience_teams = coalesce((SELECT"
            + " array_agg(DISTINCT coalesce(d.team_id, '') ORDER BY coalesce(d.team_id, '')) FROM outbound_message m"
            + " JOIN debtor d ON d.id = m.debtor_id WHERE m.campaign_id = ?), '{}') WHERE id = ?")) {
          ps.setLong(1, id);
          ps.setLong(2, id);
          ps.executeUpdate();
        }
        c.commit();
        return new Created(id, queued, r.sendAt());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static MessageTemplate template(Connection c, CampaignRequest r) throws SQLException {
    Optional<MessageTemplate> t;
    if (r.templateId() != null) {
      t = MessageTemplates.byId(c, r.templateId());
    } else {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM message_template WHERE channel = ? AND name = ?"
          + " ORDER BY language <> 'es_MX', id LIMIT 1")) {
        ps.setString(1, r.channel().id());
        ps.setString(2, r.templateName());
        try (ResultSet rs = ps.executeQuery()) {
          t = rs.next() ? MessageTemplates.byId(c, rs.getLong(1)) : Optional.empty();
        }
      }
    }
    String named = r.templateId() != null ? "id " + r.templateId() : "'" + r.templateName() + "'";
    MessageTemplate template = t.orElseThrow(() -> ApiException.badRequest("no " + r.channel().id() + " template " + named
        + "; create it with POST /api/message-templates"));
    if (template.channel() != r.channel()) {
      throw ApiException.badRequest("template " + named + " is a " + template.channel().id() + " template; this campaign's"
          + " channel is " + r.channel().id());
    }
    return template;
  }

  /** Debtors outside the caller's teams are reported as unknown: ids cannot be probed across teams. */
  private static void requireVisible(Connection c, List<String> externalIds, DebtorScope scope) throws SQLException {
    Set<String> found = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT external_id, team_id FROM debtor WHERE external_id = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("text", externalIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (scope.admits(rs.getString(2))) {
            found.add(rs.getString(1));
          }
        }
      }
    }
    List<String> unknown = externalIds.stream().filter(id -> !found.contains(id)).toList();
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest(unknown.size() + " unknown debtor" + (unknown.size() > 1 ? "s" : "") + ": "
          + String.join(", ", unknown.subList(0, Math.min(20, unknown.size()))) + (unknown.size() > 20 ? ", …" : "")
          + "; nothing was created");
    }
  }

  private static String where(CampaignRequest.Selection s, DebtorScope scope, LocalDate today, List<Object> params) {
    StringBuilder w = new StringBuilder("true");
    if (s instanceof CampaignRequest.Debtors d) {
      w.append(" AND d.external_id = ANY (?)");
      params.add(d.externalIds().toArray(String[]::new));
    } else if (s instanceof CampaignRequest.Segment seg) {
      w.append(" AND d.segment = ?");
      params.add(seg.segment());
    } else if (s instanceof CampaignRequest.Filter f) {
      StringBuilder having = new StringBuilder("true");
      List<Object> havingParams = new ArrayList<>();
      if (f.minDaysPastDue() != null) {
        having.append(" AND ?::date - min(due_date) >= ?");
        havingParams.add(today);
        havingParams.add(f.minDaysPastDue());
      }
      if (f.maxDaysPastDue() != null) {
        having.append(" AND ?::date - min(due_date) <= ?");
        havingParams.add(today);
        havingParams.add(f.maxDaysPastDue());
      }
      if (f.minBalance() != null) {
        having.append(" AND sum(balance) >= ?");
        havingParams.add(f.minBalance());
      }
      if (f.maxBalance() != null) {
        having.append(" AND sum(balance) <= ?");
        havingParams.add(f.maxBalance());
      }
      w.append(" AND d.id IN (SELECT debtor_id FROM debt WHERE balance > 0 GROUP BY debtor_id HAVING ").append(having).append(")");
      params.addAll(havingParams);
      if (f.team() != null) {
        w.append(" AND d.team_id = ?");
        params.add(f.team());
      }
    }
    if (!scope.everyDebtor()) {
      w.append(" AND d.team_id = ANY (?)");
      params.add(scope.teams().toArray(String[]::new));
    }
    return w.toString();
  }

  /**
   * {@code {"status","counts":{eligible,sent,delivered,read,replied,failed,skipped},"skipped":{reason:n},"results"}}
   * ({@link CampaignResults}); empty when there is no such campaign.
   */
  public Optional<JsonObject> status(long id, Instant now, DebtorScope scope, String caller) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Instant sendAt;
      try (PreparedStatement ps = c.prepareStatement("SELECT send_at FROM campaign c WHERE id = ? AND " + VISIBLE)) {
        ps.setLong(1, id);
        visible(c, ps, 2, scope, caller);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          sendAt = rs.getTimestamp(1).toInstant();
        }
      }
      JsonObject counts = new JsonObject();
      long pending;
      long handled;
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE state <> 'skipped'), count(sent_at),"
          + " count(delivered_at), count(read_at), count(replied_at), count(*) FILTER (WHERE state = 'failed'),"
          + " count(*) FILTER (WHERE state = 'skipped'), count(*) FILTER (WHERE state IN ('queued', 'sending')),"
          + " count(*) FILTER (WHERE state NOT IN ('queued', 'sending'))"
          + " FROM outbound_message WHERE campaign_id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          counts.put("eligible", rs.getLong(1)).put("sent", rs.getLong(2)).put("delivered", rs.getLong(3))
              .put("read", rs.getLong(4)).put("replied", rs.getLong(5)).put("failed", rs.getLong(6)).put("skipped", rs.getLong(7));
          pending = rs.getLong(8);
          handled = rs.getLong(9);
        }
      }
      JsonObject skipped = new JsonObject();
      try (PreparedStatement ps = c.prepareStatement("SELECT skip_reason, count(*) FROM outbound_message"
          + " WHERE campaign_id = ? AND state = 'skipped' GROUP BY skip_reason ORDER BY skip_reason")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            skipped.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      String status = pending == 0 ? "done" : handled == 0 && now.isBefore(sendAt) ? "scheduled" : "running";
      return Optional.of(new JsonObject().put("status", status).put("counts", counts).put("skipped", skipped)
          .put("results", CampaignResults.of(c, id)));
    }
  }

  /**
   * The campaigns (alias {@code c}) a caller sees: admins every one; a dispatcher or manager those whose every recipient
   * is a debtor of their teams (V35's {@code audience_teams}; '' is a debtor of no team, never in a team scope), and an
   * empty one only when they made it. Others answer as unknown. Parameters: see {@link #visible}.
   */
  static final String VISIBLE = "(? OR (c.audience_teams <@ ?::text[] AND (cardinality(c.audience_teams) > 0 OR c.created_by = ?)))";

  private static int visible(Connection c, PreparedStatement ps, int i, DebtorScope scope, String caller) throws SQLException {
    ps.setBoolean(i, scope.everyDebtor());
    ps.setArray(i + 1, c.createArrayOf("text", scope.teams().toArray(String[]::new)));
    ps.setString(i + 2, caller);
    return i + 3;
  }

  /** Every campaign the caller sees ({@link #VISIBLE}), newest first, with its name, channel, template and when it goes out (for the office pages). */
  public JsonArray list(int limit, DebtorScope scope, String caller) throws SQLException {
    JsonArray out = new JsonArray();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT c.id, c.name, c.channel, t.name, c.send_at, c.created_by, c.strategy,"
            + " (SELECT count(*) FROM outbound_message m WHERE m.campaign_id = c.id)"
            + " FROM campaign c JOIN message_template t ON t.id = c.template_id WHERE " + VISIBLE + " ORDER BY c.id DESC LIMIT ?")) {
      int next = visible(c, ps, 1, scope, caller);
      ps.setInt(next, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new JsonObject().put("id", rs.getLong(1)).put("name", rs.getString(2)).put("channel", rs.getString(3))
              .put("template", rs.getString(4)).put("sendAt", rs.getTimestamp(5).toInstant().toString())
              .put("createdBy", rs.getString(6)).put("strategy", rs.getString(7)).put("messages", rs.getLong(8)));
        }
      }
    }
    return out;
  }

}
