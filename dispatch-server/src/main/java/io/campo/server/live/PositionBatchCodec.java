package io.campo.server.live;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries {@link PositionBatch}es on the event bus: locally the immutable batch itself (no copy, no JSON), between
 * cluster nodes a compact binary form, so the live feed works unchanged when nodes are clustered.
 */
public final class PositionBatchCodec implements MessageCodec<PositionBatch, PositionBatch> {

  private static final int ACCURACY = 1;
  private static final int SPEED = 2;
  private static final int HEADING = 4;
  private static final int BATTERY = 8;
  private static final int CHARGING = 16;
  private static final int CHARGING_TRUE = 32;
  private static final int SEQ = 64;
  /** The smallest fix on the wire: id length, times, coordinates and flags, with no optional field. */
  private static final int MIN_FIX_BYTES = 4 + 8 + 8 + 8 + 8 + 1;
  /** Agent ids are short (AgentTopic.AGENT_ID); anything longer is not a fix this codec wrote. */
  private static final int MAX_AGENT_ID_BYTES = 1024;

  /** Makes {@link PositionBatch} a message body every node understands; call once per Vert.x instance. */
  public static void register(EventBus bus) {
    bus.registerDefaultCodec(PositionBatch.class, new PositionBatchCodec());
  }

  @Override
  public void encodeToWire(Buffer buffer, PositionBatch batch) {
    buffer.appendInt(batch.fixes().size());
    for (Fix f : batch.fixes()) {
      byte[] id = f.agentId().getBytes(StandardCharsets.UTF_8);
      buffer.appendInt(id.length).appendBytes(id);
      buffer.appendLong(f.deviceTimeMillis()).appendLong(f.receivedAtMillis()).appendDouble(f.lat()).appendDouble(f.lon());
      int flags = (f.accuracyMeters() != null ? ACCURACY : 0) | (f.speedMetersPerSecond() != null ? SPEED : 0)
          | (f.headingDegrees() != null ? HEADING : 0) | (f.batteryPercent() != null ? BATTERY : 0)
          | (f.charging() != null ? CHARGING : 0) | (Boolean.TRUE.equals(f.charging()) ? CHARGING_TRUE : 0)
          | (f.seq() != null ? SEQ : 0);
      buffer.appendByte((byte) flags);
      if (f.accuracyMeters() != null) {
        buffer.appendDouble(f.accuracyMeters());
      }
      if (f.speedMetersPerSecond() != null) {
        buffer.appendDouble(f.speedMetersPerSecond());
      }
      if (f.headingDegrees() != null) {
        buffer.appendDouble(f.headingDegrees());
      }
      if (f.batteryPercent() != null) {
        buffer.appendInt(f.batteryPercent());
      }
      if (f.seq() != null) {
        buffer.appendLong(f.seq());
      }
    }
  }

  @Override
  public PositionBatch decodeFromWire(int pos, Buffer buffer) {
    int count = buffer.getInt(pos);
    pos += 4;
    // Counts come from another node, or from whoever reaches the cluster port: each is checked against the bytes
    // that are really there before anything is allocated for it (a forged count of 2^31 would ask for a 16 GB array).
    if (count < 0 || (long) count * MIN_FIX_BYTES > buffer.length() - pos) {
      throw new IllegalArgumentException("position batch: " + count + " fixes cannot fit in " + (buffer.length() - pos) + " bytes");
    }
    List<Fix> fixes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int idLength = buffer.getInt(pos);
      pos += 4;
      if (idLength < 0 || idLength > MAX_AGENT_ID_BYTES || idLength > buffer.length() - pos) {
        throw new IllegalArgumentException("position batch: fix " + i + " has an agent id of " + idLength + " bytes");
      }
      String agentId = buffer.getString(pos, pos + idLength, "UTF-8");
      pos += idLength;
      long deviceTime = buffer.getLong(pos);
      long receivedAt = buffer.getLong(pos + 8);
      double lat = buffer.getDouble(pos + 16);
      double lon = buffer.getDouble(pos + 24);
      int flags = buffer.getByte(pos + 32);
      pos += 33;
      Double accuracy = null;
      Double speed = null;
      Double heading = null;
      Integer battery = null;
      Long seq = null;
      if ((flags & ACCURACY) != 0) {
        accuracy = buffer.getDouble(pos);
        pos += 8;
      }
      if ((flags & SPEED) != 0) {
        speed = buffer.getDouble(pos);
        pos += 8;
      }
      if ((flags & HEADING) != 0) {
        heading = buffer.getDouble(pos);
        pos += 8;
      }
      if ((flags & BATTERY) != 0) {
        battery = buffer.getInt(pos);
        pos += 4;
      }
      if ((flags & SEQ) != 0) {
        seq = buffer.getLong(pos);
        pos += 8;
      }
      Boolean charging = (flags & CHARGING) != 0 ? (flags & CHARGING_TRUE) != 0 : null;
      fixes.add(new Fix(agentId, deviceTime, receivedAt, lat, lon, accuracy, speed, heading, battery, charging, seq));
    }
    return new PositionBatch(fixes);
  }

  @Override
  public PositionBatch transform(PositionBatch batch) {
    return batch;
  }

  @Override
  public String name() {
    return "campo-position-batch";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
