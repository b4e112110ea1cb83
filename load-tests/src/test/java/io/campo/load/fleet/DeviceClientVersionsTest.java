package io.campo.load.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.campo.load.CampoTestServer;
import io.campo.server.agent.AgentRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each protocol version's device against the real server: it logs in with its token (and not with another), the
 * failover's listener sees it connected, its fix is acknowledged and its inbox subscription accepted.
 */
class DeviceClientVersionsTest {

  @TempDir
  static Path folder;

  private static CampoTestServer campo;

  @BeforeAll
  static void startServer() throws Exception {
    campo = CampoTestServer.start(folder);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (campo != null) {
      campo.close();
    }
  }

  @Test
  void mqtt3DeviceWorks() throws Exception {
    assertDeviceWorks(MqttVersion.V3_1_1);
  }

  @Test
  void mqtt5DeviceWorks() throws Exception {
    assertDeviceWorks(MqttVersion.V5);
  }

  private static void assertDeviceWorks(MqttVersion version) throws Exception {
    String agentId = "version-" + version.name();
    String token = new AgentRegistry(campo.server.database().dataSource()).create(agentId, "Agente " + version.label()).deviceToken();
    int port = campo.server.mqttPort();

    DeviceClient impostor = DeviceClient.create(version, MqttEndpoints.single("127.0.0.1", port),
        new AgentCredentials(agentId, "not-the-token"), new Reconnections());
    assertThrows(ExecutionException.class, () -> impostor.connect().get(10, TimeUnit.SECONDS), "the login is sent");

    Reconnections reconnections = new Reconnections();
    DeviceClient phone = DeviceClient.create(version, MqttEndpoints.single("127.0.0.1", port),
        new AgentCredentials(agentId, token), reconnections);
    phone.connect().get(10, TimeUnit.SECONDS);
    assertEquals(port, reconnections.portOf(agentId), "the connected listener recorded the node");
    String fix = "{\"ts\":" + System.currentTimeMillis() + ",\"lat\":19.43,\"lon\":-99.13}";
    assertEquals(PubAck.ACCEPTED, phone.publishQos1("campo/agents/" + agentId + "/telemetry",
        fix.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS));
    phone.subscribe("campo/agents/" + agentId + "/inbox").get(10, TimeUnit.SECONDS);
    phone.disconnect().get(10, TimeUnit.SECONDS);
    assertEquals(1, campo.count("SELECT count(*) FROM telemetry WHERE agent_id = '" + agentId + "'"));
  }
}
