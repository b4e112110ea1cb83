package io.campo.server.evidence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads a visit's evidence (its photos and signature in {@code visit_photo}) for whoever may see the visit's agent;
 * the caller checks that with the agent id each answer carries.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class VisitEvidence {

  /** The visit's agent and its evidence's metadata, oldest first. */
  public record OfVisit(String agentId, JsonArray evidence) {}

  /** One file: whose visit it belongs to, and its bytes (null: the stored item has no such rendition). */
  public record File(String agentId, String contentType, byte[] content) {}

  private final DataSource dataSource;

  public VisitEvidence(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<OfVisit> ofVisit(long visitId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String agentId;
      try (PreparedStatement ps = c.prepareStatement("SELECT agent_id FROM visit WHERE id = ?")) {
        ps.setLong(1, visitId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          agentId = rs.getString(1);
        }
      }
      JsonArray out = new JsonArray();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, content_type, bytes, taken_at, lat, lon, width, height,"
          + " thumbnail IS NOT NULL, received_at FROM visit_photo WHERE visit_id = ? ORDER BY id")) {
        ps.setLong(1, visitId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong(1);
            Timestamp takenAt = rs.getTimestamp(5);
            JsonObject item = EvidenceJson.item(id, visitId, rs.getString(2), rs.getString(3), rs.getInt(4),
                takenAt == null ? null : takenAt.toInstant(), (Double) rs.getObject(6), (Double) rs.getObject(7),
                (Integer) rs.getObject(8), (Integer) rs.getObject(9));
            item.put("receivedAt", rs.getTimestamp(11).toInstant().toString())
                .put("url", "/api/evidence/" + id)
                .put("thumbnailUrl", rs.getBoolean(10) ? "/api/evidence/" + id + "/thumbnail" : null);
            out.add(item);
          }
        }
      }
      return Optional.of(new OfVisit(agentId, out));
    }
  }

  /** The stored file, or its JPEG preview when {@code thumbnail}. */
  public Optional<File> file(long id, boolean thumbnail) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT agent_id, content_type, "
            + (thumbnail ? "thumbnail" : "content") + " FROM visit_photo WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new File(rs.getString(1), thumbnail ? "image/jpeg" : rs.getString(2), rs.getBytes(3)));
      }
    }
  }
}
