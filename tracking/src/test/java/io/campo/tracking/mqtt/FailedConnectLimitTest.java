package io.campo.tracking.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailedConnectLimitTest {

  @Test
  void anAddressIsStoppedAfterItsFailuresAndOthersAreNot() {
    FailedConnectLimit limit = new FailedConnectLimit(3, 100);
    for (int i = 0; i < 3; i++) {
      assertTrue(limit.admits("10.0.0.1"), "failure " + i + " is still checked");
      limit.failed("10.0.0.1");
    }
    assertFalse(limit.admits("10.0.0.1"));
    assertTrue(limit.admits("10.0.0.2"), "another address is not punished");
    assertTrue(limit.admits("10.0.0.3"));
  }

  @Test
  void successesCostNothing() {
    FailedConnectLimit limit = new FailedConnectLimit(1, 100);
    for (int i = 0; i < 1000; i++) {
      assertTrue(limit.admits("10.0.0.9"));
    }
    assertEquals(0, limit.trackedAddresses(), "an address that never failed is not even remembered");
  }

  @Test
  void theBucketMapCannotGrowPastItsBoundAndKeepsTheRecentAddresses() {
    FailedConnectLimit limit = new FailedConnectLimit(2, 100);
    for (int i = 0; i < 10_000; i++) {
      limit.failed("addr-" + i);
    }
    assertEquals(100, limit.trackedAddresses());
    limit.failed("addr-9999");
    assertFalse(limit.admits("addr-9999"), "the most recent attacker is still limited");
    assertTrue(limit.admits("addr-0"), "the oldest were forgotten");
  }

  @Test
  void zeroTurnsTheLimitOffAndNonsenseIsRefused() {
    FailedConnectLimit off = new FailedConnectLimit(0, 10);
    for (int i = 0; i < 100; i++) {
      off.failed("10.0.0.1");
    }
    assertTrue(off.admits("10.0.0.1"));
    assertEquals(0, off.trackedAddresses());
    assertThrows(IllegalArgumentException.class, () -> new FailedConnectLimit(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> new FailedConnectLimit(5, 0));
  }
}
