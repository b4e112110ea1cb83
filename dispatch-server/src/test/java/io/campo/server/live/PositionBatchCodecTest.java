package io.campo.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionBatchCodecTest {

  final PositionBatchCodec codec = new PositionBatchCodec();

  @Test
  void aBatchCrossesTheWireUnchangedWithItsMissingMeasurementsStillMissing() {
    PositionBatch batch = new PositionBatch(List.of(
        new Fix("cobrador-ñ", 1_795_000_000_123L, 1_795_000_000_500L, 19.4326, -99.1332, 6.5, 1.2, 270.0, 82, true, 9L),
        new Fix("b", 2, 3, -0.5, 1e-5, null, null, null, null, null, null),
        new Fix("c", 4, 5, 1, 2, null, 0.0, null, 0, false, null)));
    Buffer wire = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(wire, batch);
    assertEquals(batch, codec.decodeFromWire(6, wire));
  }

  @Test
  void aForgedCountIsRefusedBeforeAnythingIsAllocatedForIt() {
    Buffer forged = Buffer.buffer().appendInt(Integer.MAX_VALUE).appendBytes(new byte[64]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.decodeFromWire(0, forged));
    assertTrue(e.getMessage().contains(Integer.MAX_VALUE + " fixes cannot fit in 64 bytes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> codec.decodeFromWire(0, Buffer.buffer().appendInt(-1)));
  }

  @Test
  void aForgedAgentIdLengthIsRefused() {
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, new PositionBatch(List.of(new Fix("a", 1, 2, 3, 4, null, null, null, null, null, null))));
    wire.setInt(4, Integer.MAX_VALUE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.decodeFromWire(0, wire));
    assertTrue(e.getMessage().contains("agent id of " + Integer.MAX_VALUE + " bytes"), e.getMessage());
  }

  @Test
  void aLocalDeliveryHandsOverTheSameImmutableBatch() {
    PositionBatch batch = new PositionBatch(List.of());
    assertSame(batch, codec.transform(batch));
  }
}
