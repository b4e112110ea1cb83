package io.campo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

  static final String DB = "jdbc:postgresql://db/campo";

  @Test
  void offByDefaultWithTheContractsDefaults() {
    ClusterSettings c = CampoConfig.from(Map.of()).cluster();
    assertFalse(c.enabled());
    assertEquals("127.0.0.1", c.host());
    assertEquals(5701, c.memberPort());
    assertEquals(List.of("127.0.0.1"), c.members());
    assertEquals(0, c.eventBusPort());
    assertEquals("campo", c.name());
    assertNull(c.nodeId());
  }

  @Test
  void readsEveryClusterVariable() {
    ClusterSettings c = CampoConfig.from(Map.of("CAMPO_DB_URL", DB, "CAMPO_CLUSTER", "on", "CAMPO_CLUSTER_HOST", "10.0.0.5",
        "CAMPO_CLUSTER_PORT", "0", "CAMPO_CLUSTER_MEMBERS", " 10.0.0.5:5701, 10.0.0.6 ,,10.0.0.7:5702",
        "CAMPO_EVENTBUS_PORT", "17001", "CAMPO_CLUSTER_NAME", "cobranza-norte", "CAMPO_NODE_ID", "norte-1")).cluster();
    assertTrue(c.enabled());
    assertEquals("10.0.0.5", c.host());
    assertEquals(0, c.memberPort());
    assertEquals(List.of("10.0.0.5:5701", "10.0.0.6", "10.0.0.7:5702"), c.members());
    assertEquals(17001, c.eventBusPort());
    assertEquals("cobranza-norte", c.name());
    assertEquals("norte-1", c.nodeId());
  }

  @Test
  void clusterModeNeedsTheSharedDatabase() {
    ConfigException e = assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_CLUSTER", "on")));
    assertTrue(e.getMessage().contains("CAMPO_CLUSTER=on needs CAMPO_DB_URL"), e.getMessage());
  }

  @Test
  void badValuesNameTheirKey() {
    assertMessage("CAMPO_CLUSTER must be on or off", Map.of("CAMPO_CLUSTER", "yes"));
    assertMessage("CAMPO_CLUSTER_PORT must be a port", Map.of("CAMPO_CLUSTER_PORT", "70000"));
    assertMessage("CAMPO_CLUSTER_PORT must be an integer", Map.of("CAMPO_CLUSTER_PORT", "5701-5703"));
    assertMessage("CAMPO_EVENTBUS_PORT must be a port", Map.of("CAMPO_EVENTBUS_PORT", "-1"));
    assertMessage("CAMPO_CLUSTER_MEMBERS entries are host or host:port", Map.of("CAMPO_CLUSTER_MEMBERS", "127.0.0.1:5701-5703"));
    assertMessage("CAMPO_CLUSTER_MEMBERS must list at least one member", Map.of("CAMPO_CLUSTER_MEMBERS", " , "));
    assertMessage("CAMPO_CLUSTER_NAME must not be empty", Map.of("CAMPO_CLUSTER_NAME", "  "));
  }

  static void assertMessage(String expected, Map<String, String> env) {
    ConfigException e = assertThrows(ConfigException.class, () -> CampoConfig.from(env));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }
}
