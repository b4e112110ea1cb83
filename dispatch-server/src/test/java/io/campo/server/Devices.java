package io.campo.server;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Real MQTT device clients (HiveMQ) for tests, and payloads in the telemetry contract. */
public final class Devices {

  private Devices() {}

  public static Mqtt5AsyncClient mqtt5(int port, String agentId, String token) throws Exception {
    Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier(agentId + "-v5")
        .serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(agentId).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildAsync();
    c.connect().get(10, TimeUnit.SECONDS);
    return c;
  }

  public static Mqtt3AsyncClient mqtt3(int port, String agentId, String token) throws Exception {
    Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier(agentId + "-v3")
        .serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(agentId).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildAsync();
    c.connect().get(10, TimeUnit.SECONDS);
    return c;
  }

  public static String telemetryTopic(String agentId) {
    return "campo/agents/" + agentId + "/telemetry";
  }

  public static byte[] fix(long deviceTimeMillis, double lat, double lon, int seq) {
    return fixJson(deviceTimeMillis, lat, lon, seq).getBytes(StandardCharsets.UTF_8);
  }

  public static String fixJson(long deviceTimeMillis, double lat, double lon, int seq) {
    return "{\"ts\":" + deviceTimeMillis + ",\"lat\":" + lat + ",\"lon\":" + lon + ",\"acc\":6.5,\"spd\":1.2,\"hdg\":180,\"bat\":77,\"chg\":false,\"seq\":" + seq + "}";
  }

  public static byte[] backlog(long firstMillis, int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(',');
      sb.append(fixJson(firstMillis + i * 1000L, 19.40 + i * 1e-5, -99.13, i));
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Epoch millis as the API writes instants ({@code Instant.toString}). */
  public static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  public static long now() {
    return Instant.now().toEpochMilli();
  }

  public static final MqttQos QOS1 = MqttQos.AT_LEAST_ONCE;

  /**
   * A phone (client id {@code agent-phone}) with a persistent session that hears everything sent to it, subscribed or
   * resumed, into {@code inbox}.
   */
  public static Mqtt3AsyncClient persistentPhone(int port, String agent, String token, BlockingQueue<Mqtt3Publish> inbox)
      throws Exception {
    Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier(agent + "-phone").serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(agent).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
    c.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
    c.connectWith().cleanSession(false).send().get(10, TimeUnit.SECONDS);
    return c;
  }

  /** A received publish's payload as text. */
  public static String text(Mqtt3Publish p) {
    return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
  }
}
