package io.campo.server.agentapp;

import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Photos of visits in {@code visit_photo}, stored once per (agent, Idempotency-Key): a phone that lost the answer to an
 * upload sends it again and gets the stored one back. Only the visit's own agent may add to it.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class VisitPhotos {

  /** The photo as stored, and whether this call stored it (false: a retry). */
  public record Stored(boolean created, JsonObject photo) {}

  /** What an upload carries, already checked (type by magic bytes, size within the cap). */
  public record Upload(long visitId, String kind, ImageType type, byte[] content, String sha256) {}

  private final DataSource dataSource;

  public VisitPhotos(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @throws ApiException 404 when the visit does not exist or is another agent's (the same answer: one agent learns
   *     nothing of another's visits); 409 when the key was used for a different photo
   */
  public Stored store(String agentId, String key, Upload upload) throws SQLException {
    Optional<Stored> replay = replay(agentId, key, upload);
    if (replay.isPresent()) {
      return replay.get();
    }
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM visit WHERE id = ? AND agent_id = ?")) {
        ps.setLong(1, upload.visitId());
        ps.setString(2, agentId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw ApiException.notFound("no visit " + upload.visitId() + " of yours");
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit_photo (visit_id, agent_id, idempotency_key, kind,"
          + " content_type, bytes, sha256, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (agent_id, idempotency_key) DO NOTHING RETURNING id")) {
        ps.setLong(1, upload.visitId());
        ps.setString(2, agentId);
        ps.setString(3, key);
        ps.setString(4, upload.kind());
        ps.setString(5, upload.type().contentType());
        ps.setInt(6, upload.content().length);
        ps.setString(7, upload.sha256());
        ps.setBytes(8, upload.content());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return new Stored(true, json(rs.getLong(1), upload.visitId(), upload.kind(), upload.type().contentType(),
                upload.content().length));
          }
        }
      }
    }
    // The same retry raced this one and won.
    return replay(agentId, key, upload).orElseThrow();
  }

  private Optional<Stored> replay(String agentId, String key, Upload upload) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, visit_id, kind, content_type, bytes, sha256 FROM visit_photo"
            + " WHERE agent_id = ? AND idempotency_key = ?")) {
      ps.setString(1, agentId);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (rs.getLong(2) != upload.visitId() || !rs.getString(3).equals(upload.kind()) || !rs.getString(6).equals(upload.sha256())) {
          throw new ApiException(409, "Idempotency-Key '" + key + "' was already used for another photo; use a new key");
        }
        return Optional.of(new Stored(false, json(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5))));
      }
    }
  }

  private static JsonObject json(long id, long visitId, String kind, String contentType, int bytes) {
    return new JsonObject().put("id", id).put("visitId", visitId).put("kind", kind).put("contentType", contentType)
        .put("bytes", bytes);
  }
}
