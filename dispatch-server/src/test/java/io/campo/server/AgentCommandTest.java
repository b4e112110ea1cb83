package io.campo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code campo agent add}, run as its own process the way the launcher runs it. */
public class AgentCommandTest {

  public record Run(int exit, String out, String err) {}

  public static Run campo(Map<String, String> env, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", classpath, CampoMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Run(p.exitValue(), out, err);
  }

  @Test
  void createsAnAgentWhoseTokenConnectsAndRefusesDuplicatesAndBadIds() throws Exception {
    try (TestServer server = TestServer.start()) {
      Map<String, String> env = TestServer.env(server.dbUrl);
      Run created = campo(env, "agent", "add", "cli-7", "--name", "Rosa Díaz");
      assertEquals(0, created.exit(), created.err());
      assertTrue(created.out().contains("agent cli-7 (Rosa Díaz) created"), created.out());
      String[] lines = created.out().strip().split("\n");
      String token = lines[lines.length - 1].strip();
      Mqtt5AsyncClient device = Devices.mqtt5(server.server.mqttPort(), "cli-7", token);
      device.disconnect().get();

      Run duplicate = campo(env, "agent", "add", "cli-7");
      assertEquals(2, duplicate.exit());
      assertTrue(duplicate.err().contains("agent 'cli-7' already exists"), duplicate.err());

      Run badId = campo(env, "agent", "add", "no spaces");
      assertEquals(2, badId.exit());
      assertTrue(badId.err().contains("is invalid"), badId.err());

      Run usage = campo(env, "agent", "remove", "cli-7");
      assertEquals(2, usage.exit());
      assertTrue(usage.err().contains("usage: campo agent add ID [--name NAME]"), usage.err());
    }
  }

  /** Beside a server on the embedded PostgreSQL, the command attaches to it and logs in with its generated password. */
  @Test
  void addsAnAgentBesideAServerOnTheEmbeddedDatabase(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(TestServer.env("unused"));
    env.remove("CAMPO_DB_URL");
    env.remove("CAMPO_DB_USER");
    env.put("CAMPO_DATA_DIR", dir.toString());
    try (TestServer server = TestServer.start(env)) {
      assertTrue(java.nio.file.Files.exists(dir.resolve("pg.credentials")));
      Run created = campo(env, "agent", "add", "emb-1");
      assertEquals(0, created.exit(), created.err());
      String[] lines = created.out().strip().split("\n");
      Mqtt5AsyncClient device = Devices.mqtt5(server.server.mqttPort(), "emb-1", lines[lines.length - 1].strip());
      device.disconnect().get();
    }
  }
}
