package io.campo.server;

import io.campo.server.agent.AgentException;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.config.CampoConfig;
import io.campo.server.config.ConfigException;
import io.campo.server.database.Database;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code serve} runs the server; {@code agent add ID [--name N]} creates an agent
 * and prints its device token once. The {@code ./campo} script calls this.
 */
public final class CampoMain {

  private CampoMain() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "serve" : args[0];
    try {
      CampoConfig config = CampoConfig.fromEnvironment();
      switch (command) {
        case "serve" -> serve(config);
        case "agent" -> agent(config, Arrays.copyOfRange(args, 1, args.length));
        default -> usage("unknown command '" + command + "'");
      }
    } catch (ConfigException | AgentException e) {
      System.err.println("campo: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void serve(CampoConfig config) throws Exception {
    CampoServer server = CampoServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "campo-shutdown"));
    printBanner(server);
    new CountDownLatch(1).await();
  }

  /** What a person starting the server needs to see: where it is and how to log in. */
  public static void printBanner(CampoServer server) {
    System.out.println();
    System.out.println("Campo is running");
    System.out.println("  web / API : http://localhost:" + server.httpPort() + "/");
    System.out.println("  MQTT      : tcp://localhost:" + server.mqttPort()
        + (server.mqttWebSocketPort() > 0 ? "   ws://localhost:" + server.mqttWebSocketPort() + "/mqtt" : ""));
    server.generatedAdminPassword().ifPresentOrElse(
        p -> System.out.println("  login     : admin / " + p + "   (generated now and shown only once)"),
        () -> System.out.println("  login     : admin (password as configured or shown at first start)"));
    System.out.println();
  }

  private static void agent(CampoConfig config, String[] args) throws Exception {
    if (args.length < 2 || !args[0].equals("add")) {
      usage("usage: campo agent add ID [--name NAME] [--supervisor EMAIL]");
      return;
    }
    String id = args[1];
    String name = null;
    String supervisor = null;
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--name") && i + 1 < args.length) {
        name = args[++i];
      } else if (args[i].equals("--supervisor") && i + 1 < args.length) {
        supervisor = args[++i];
      } else {
        usage("unexpected argument '" + args[i] + "'; usage: campo agent add ID [--name NAME] [--supervisor EMAIL]");
        return;
      }
    }
    try (Database db = new Database(config).start()) {
      AgentRegistry.CreatedAgent created = new AgentRegistry(db.dataSource()).create(id, name, supervisor);
      System.out.println("agent " + created.agent().id() + " (" + created.agent().name() + ") created");
      System.out.println("device token (shown only now; the phone uses it as its MQTT password):");
      System.out.println(created.deviceToken());
    }
  }

  private static void usage(String message) {
    System.err.println("campo: " + message);
    System.exit(2);
  }
}
