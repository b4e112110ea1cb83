package io.campo.tracking.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConnectionsPerAddressTest {

  @Test
  void anAddressAtItsCapIsRefusedUntilOneOfItsConnectionsCloses() {
    ConnectionsPerAddress cap = new ConnectionsPerAddress(2);
    Runnable first = cap.tryOpen("10.0.0.1");
    assertNotNull(cap.tryOpen("10.0.0.1"));
    assertNull(cap.tryOpen("10.0.0.1"));
    assertNotNull(cap.tryOpen("10.0.0.2"), "another address has its own count");
    first.run();
    first.run(); // a second release of the same connection gives nothing more back
    assertEquals(1, cap.openFrom("10.0.0.1"));
    assertNotNull(cap.tryOpen("10.0.0.1"));
    assertNull(cap.tryOpen("10.0.0.1"));
  }

  @Test
  void zeroMeansNoCapAndANegativeCapIsAMistake() {
    ConnectionsPerAddress none = new ConnectionsPerAddress(ConnectionsPerAddress.UNLIMITED);
    for (int i = 0; i < 10_000; i++) {
      assertNotNull(none.tryOpen("127.0.0.1"));
    }
    assertThrows(IllegalArgumentException.class, () -> new ConnectionsPerAddress(-1));
  }
}
