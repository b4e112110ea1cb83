package io.campo.server.agentapp;

import io.campo.server.api.ApiException;
import io.campo.server.evidence.EvidenceJson;
import io.campo.server.evidence.ExifFacts;
import io.campo.server.evidence.PhotoThumbnail;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
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

  /**
   * What an upload carries, already checked (type by magic bytes, size within the cap, decoded): its EXIF facts and
   * the preview made from it.
   */
  public record Upload(long visitId, String kind, ImageType type, byte[] content, String sha256, ExifFacts exif,
      PhotoThumbnail.Made thumbnail) {}

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
    requireOwnVisit(agentId, upload.visitId());
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit_photo (visit_id, agent_id, idempotency_key, kind,"
          + " content_type, bytes, sha256, content, taken_at, lat, lon, thumbnail, width, height)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (agent_id, idempotency_key) DO NOTHING RETURNING id")) {
        ps.setLong(1, upload.visitId());
        ps.setString(2, agentId);
        ps.setString(3, key);
        ps.setString(4, upload.kind());
        ps.setString(5, upload.type().contentType());
        ps.setInt(6, upload.content().length);
        ps.setString(7, upload.sha256());
        ps.setBytes(8, upload.content());
        ExifFacts exif = upload.exif();
        ps.setTimestamp(9, exif.takenAt() == null ? null : Timestamp.from(exif.takenAt()));
        ps.setObject(10, exif.lat(), Types.DOUBLE);
        ps.setObject(11, exif.lon(), Types.DOUBLE);
        ps.setBytes(12, upload.thumbnail().jpeg());
        ps.setInt(13, upload.thumbnail().width());
        ps.setInt(14, upload.thumbnail().height());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return new Stored(true, EvidenceJson.item(rs.getLong(1), upload.visitId(), upload.kind(), upload.type().contentType(),
                upload.content().length, exif.takenAt(), exif.lat(), exif.lon(), upload.thumbnail().width(),
                upload.thumbnail().height()));
          }
        }
      }
    }
    // The same retry raced this one and won.
    return replay(agentId, key, upload).orElseThrow();
  }

  /**
   * Checked before an upload is decoded, so that a caller learns nothing (and costs nothing) about others' visits.
   *
   * @throws ApiException 404 when the visit does not exist or is another agent's
   */
  public void requireOwnVisit(String agentId, long visitId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM visit WHERE id = ? AND agent_id = ?")) {
      ps.setLong(1, visitId);
      ps.setString(2, agentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiException.notFound("no visit " + visitId + " of yours");
        }
      }
    }
  }

  private Optional<Stored> replay(String agentId, String key, Upload upload) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, visit_id, kind, content_type, bytes, sha256, taken_at, lat, lon,"
            + " width, height FROM visit_photo"
            + " WHERE agent_id = ? AND idempotency_key = ?")) {
      ps.setString(1, agentId);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (rs.getLong(2) != upload.visitId() || !rs.getString(3).equals(upload.kind()) || !rs.getString(6).equals(upload.sha256())) {
          throw new ApiException(409, "Idempotency-Key '" + key + "' was already used for another photo or signature; use a new key");
        }
        Timestamp takenAt = rs.getTimestamp(7);
        return Optional.of(new Stored(false, EvidenceJson.item(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            rs.getInt(5), takenAt == null ? null : takenAt.toInstant(), (Double) rs.getObject(8), (Double) rs.getObject(9),
            (Integer) rs.getObject(10), (Integer) rs.getObject(11))));
      }
    }
  }
}
