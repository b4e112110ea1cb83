package io.campo.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import io.campo.server.config.ClusterSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Hazelcast configuration a node starts with: only the listed members, on the configured address and port. */
class HazelcastConfigTest {

  @Test
  void joinsOnlyTheListedMembersOnTheConfiguredAddress() {
    Config c = ClusterVertx.hazelcastConfig(new ClusterSettings(true, "10.1.2.3", 5801,
        List.of("10.1.2.3:5801", "10.1.2.4:5801"), 0, "cobranza", "norte-1"));
    var join = c.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled(), "multicast off");
    assertFalse(join.getAutoDetectionConfig().isEnabled(), "auto-detection off");
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.1.2.3:5801", "10.1.2.4:5801"), join.getTcpIpConfig().getMembers());
    assertEquals("cobranza", c.getClusterName());
    assertEquals(5801, c.getNetworkConfig().getPort());
    assertFalse(c.getNetworkConfig().isPortAutoIncrement(), "a configured port is that port or a failure, never another");
    assertEquals("10.1.2.3:5801", c.getNetworkConfig().getPublicAddress());
    assertEquals("0", c.getProperty("hazelcast.wait.seconds.before.join"));
    assertEquals("false", c.getProperty("hazelcast.shutdownhook.enabled"));
    // Vert.x's own structures (event-bus subscriptions) are still configured.
    assertNotNull(c.getMultiMapConfigs().get("__vertx.subs"));
  }

  @Test
  void portZeroLetsHazelcastPickFrom5701() {
    Config c = ClusterVertx.hazelcastConfig(new ClusterSettings(true, "127.0.0.1", 0, List.of("127.0.0.1"), 0, "campo", null));
    assertEquals(5701, c.getNetworkConfig().getPort());
    assertTrue(c.getNetworkConfig().isPortAutoIncrement());
  }
}
