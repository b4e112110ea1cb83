package io.campo.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.campo.server.live.LiveSocket;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server with {@code CAMPO_TLS_CERT} and {@code CAMPO_TLS_KEY}: HTTPS (and WSS for the live map), MQTT over TLS and
 * MQTT over WSS, each used by a real client that trusts only the certificate this test made, and each refusing clear
 * text.
 */
class TlsTest {

  static Path dir;
  static TestCertificate cert;
  static TestServer server;
  static Vertx clients;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("campo-tls-test");
    cert = TestCertificate.create(dir);
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_TLS_CERT", cert.certFile().toString());
    env.put("CAMPO_TLS_KEY", cert.keyFile().toString());
    env.put("CAMPO_MQTTS_PORT", "0");
    server = TestServer.start(env);
    clients = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (clients != null) {
      clients.close().await();
    }
    if (server != null) {
      server.close();
    }
  }

  private static HttpResponse<String> https(String method, String path, String body) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(cert.sslContext()).connectTimeout(Duration.ofSeconds(10)).build();
    return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.server.httpPort() + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String login() throws Exception {
    HttpResponse<String> r = https("POST", "/api/auth/login",
        new JsonObject().put("username", "admin").put("password", TestServer.ADMIN_PASSWORD).encode());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  }

  /** TestServer's helpers speak plain HTTP; this server only HTTPS. */
  private static String createAgent(String id) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(cert.sslContext()).build();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.server.httpPort()
        + "/api/agents")).header("Authorization", "Bearer " + login()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("id", id).put("name", id).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("deviceToken");
  }

  @Test
  void httpsAnswersWithHstsAndPlainHttpGetsNothing() throws Exception {
    assertTrue(server.server.tlsEnabled());
    HttpResponse<String> health = https("GET", "/health", null);
    assertEquals(200, health.statusCode());
    assertEquals("max-age=31536000", health.headers().firstValue("Strict-Transport-Security").orElse(null));
    assertTrue(https("GET", "/", null).headers().firstValue("Content-Security-Policy").isPresent());
    assertTrue(login().length() > 20, "a login over HTTPS gives a token");

    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.server.httpPort() + "/health")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()), "plain HTTP on the HTTPS port");
  }

  @Test
  void theLiveMapSpeaksWss() throws Exception {
    WebSocketClientOptions wss = new WebSocketClientOptions().setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(cert.certFile().toString()));
    try (LiveSocket live = LiveSocket.connect(clients, wss, server.server.httpPort(), login())) {
      live.send("{\"type\":\"viewport\",\"bbox\":null}");
      assertEquals("frame", live.next(m -> "frame".equals(m.getString("type")), 10_000).message().getString("type"));
      assertNull(live.awaitClose(100));
    }
  }

  private static Mqtt5ClientBuilder phone(String agentId, String token, int port) {
    return MqttClient.builder().useMqttVersion5().identifier(agentId + "-tls").serverHost("127.0.0.1").serverPort(port)
        .simpleAuth().username(agentId).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
  }

  private static void publishAndExpectPuback(Mqtt5AsyncClient c, String agentId) throws Exception {
    c.connect().get(10, TimeUnit.SECONDS);
    try {
      var ack = c.publishWith().topic(Devices.telemetryTopic(agentId)).qos(Devices.QOS1)
          .payload(Devices.fix(Devices.now(), 19.43, -99.13, 1)).send().get(10, TimeUnit.SECONDS);
      assertEquals(Mqtt5PubAckReasonCode.SUCCESS, ((Mqtt5PublishResult.Mqtt5Qos1Result) ack).getPubAck().getReasonCode());
    } finally {
      c.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void mqttOverTlsGetsItsPubackAndPlainMqttIsOff() throws Exception {
    String token = createAgent("tls-1");
    int port = server.server.mqttsPort();
    assertTrue(port > 0);
    publishAndExpectPuback(phone("tls-1", token, port).sslConfig().trustManagerFactory(cert.trustManagers())
        .applySslConfig().buildAsync(), "tls-1");
    assertEquals(-1, server.server.mqttPort(), "plain MQTT is off under TLS unless CAMPO_MQTT_PLAIN=on");

    assertThrows(ExecutionException.class,
        () -> phone("tls-1", token, port).buildAsync().connect().get(10, TimeUnit.SECONDS), "clear text on the TLS port");
    // The JDK's default trust store does not know the test's certificate: proof the server really presents it.
    assertThrows(ExecutionException.class, () -> phone("tls-1", token, port).sslWithDefaultConfig().buildAsync().connect()
        .get(10, TimeUnit.SECONDS), "a client that does not trust the certificate");
  }

  @Test
  void mqttOverWebSocketSpeaksWss() throws Exception {
    String token = createAgent("tls-2");
    int port = server.server.mqttWebSocketPort();
    publishAndExpectPuback(phone("tls-2", token, port).webSocketConfig().serverPath("mqtt").applyWebSocketConfig()
        .sslConfig().trustManagerFactory(cert.trustManagers()).applySslConfig().buildAsync(), "tls-2");
    assertThrows(ExecutionException.class, () -> phone("tls-2", token, port).webSocketConfig().serverPath("mqtt")
        .applyWebSocketConfig().buildAsync().connect().get(10, TimeUnit.SECONDS), "plain ws on the WSS port");
  }
}
