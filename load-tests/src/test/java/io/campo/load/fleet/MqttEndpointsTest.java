package io.campo.load.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MqttEndpointsTest {

  @Test
  void devicesStartOnDifferentNodesAndMoveOnInTurn() {
    MqttEndpoints nodes = new MqttEndpoints("127.0.0.1", List.of(1883, 1884, 1885), 0);
    assertEquals(1884, nodes.startingAt(1).port(nodes.startingAt(1).first()));
    assertEquals(1883, nodes.startingAt(3).port(nodes.startingAt(3).first()), "device 3 of 3 nodes wraps to the first");
    MqttEndpoints third = nodes.startingAt(2);
    assertEquals(List.of(1885, 1883, 1884, 1885), List.of(third.port(2), third.port(3), third.port(4), third.port(5)));
  }

  @Test
  void needsAPortAndAValidStart() {
    assertThrows(IllegalArgumentException.class, () -> new MqttEndpoints("127.0.0.1", List.of(), 0));
    assertThrows(IllegalArgumentException.class, () -> new MqttEndpoints("127.0.0.1", List.of(1883), 1));
  }
}
