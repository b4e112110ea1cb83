package io.campo.server;

import io.campo.server.agent.AgentException;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.auth.KeptDeviceTokens;
import io.campo.server.api.ApiException;
import io.campo.server.auth.UserAccounts;
import io.campo.server.config.CampoConfig;
import io.campo.server.config.ConfigException;
import io.campo.server.database.Database;
import io.campo.server.team.NewUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code serve [--cluster]} runs the server ({@code --cluster} is {@code CAMPO_CLUSTER=on}); {@code agent add ID [--name N] [--team T]} creates an
 * agent and prints its device token once; {@code agent token|disable|enable ID} rotates it or switches the agent off/on; {@code user add NAME --role R [--team T]...} creates an
 * office user. The {@code ./campo} script calls this.
 */
public final class CampoMain {

  private CampoMain() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "serve" : args[0];
    try {
      Map<String, String> env = new HashMap<>(System.getenv());
      if (command.equals("serve") && Arrays.asList(args).contains("--cluster")) {
        env.put("CAMPO_CLUSTER", "on");
      }
      CampoConfig config = CampoConfig.from(env);
      switch (command) {
        case "serve" -> serve(config, Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        case "agent" -> agent(config, Arrays.copyOfRange(args, 1, args.length));
        case "user" -> user(config, Arrays.copyOfRange(args, 1, args.length));
        default -> usage("unknown command '" + command + "'");
      }
    } catch (ConfigException | AgentException | ApiException e) {
      System.err.println("campo: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void serve(CampoConfig config, String[] args) throws Exception {
    for (String arg : args) {
      if (!arg.equals("--cluster")) {
        usage("unexpected argument '" + arg + "'; usage: campo serve [--cluster]");
        return;
      }
    }
    HeapSoftLimit.apply();
    CampoServer server = CampoServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "campo-shutdown"));
    printBanner(server);
    new CountDownLatch(1).await();
  }

  /** What a person starting the server needs to see: where it is and how to log in. */
  public static void printBanner(CampoServer server) {
    System.out.println();
    System.out.println("Campo is running");
    boolean tls = server.tlsEnabled();
    System.out.println("  web / API : " + (tls ? "https" : "http") + "://localhost:" + server.httpPort() + "/");
    System.out.println("  MQTT      :" + (server.mqttPort() > 0 ? " tcp://localhost:" + server.mqttPort() : "")
        + (server.mqttsPort() > 0 ? "   ssl://localhost:" + server.mqttsPort() : "")
        + (server.mqttWebSocketPort() > 0 ? "   " + (tls ? "wss" : "ws") + "://localhost:" + server.mqttWebSocketPort() + "/mqtt" : ""));
    server.features().generatedAdminPassword().ifPresentOrElse(
        p -> System.out.println("  login     : admin / " + p + "   (generated now and shown only once)"),
        () -> System.out.println("  login     : admin (password as configured or shown at first start)"));
    System.out.println();
  }

  private static final String AGENT_USAGE = "usage: campo agent add ID [--name NAME] [--supervisor EMAIL] [--team TEAM]"
      + " | campo agent token ID | campo agent disable ID | campo agent enable ID";

  private static void agent(CampoConfig config, String[] args) throws Exception {
    if (args.length == 2 && List.of("token", "disable", "enable").contains(args[0])) {
      agentCredentials(config, args[0], args[1]);
      return;
    }
    if (args.length < 2 || !args[0].equals("add")) {
      usage(AGENT_USAGE);
      return;
    }
    String id = args[1];
    String name = null;
    String supervisor = null;
    String team = null;
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--name") && i + 1 < args.length) {
        name = args[++i];
      } else if (args[i].equals("--supervisor") && i + 1 < args.length) {
        supervisor = args[++i];
      } else if (args[i].equals("--team") && i + 1 < args.length) {
        team = args[++i];
      } else {
        usage("unexpected argument '" + args[i] + "'; " + AGENT_USAGE);
        return;
      }
    }
    try (Database db = new Database(config).start()) {
      AgentRegistry.CreatedAgent created = new AgentRegistry(db.dataSource()).create(id, name, supervisor, team);
      System.out.println("agent " + created.agent().id() + " (" + created.agent().name() + ") created"
          + (team == null ? "" : " in team " + team));
      // The token stays the last line: scripts (and AgentCommandTest) read it from there.
      System.out.println("an admin can show its token as an enrolment QR code for the agent app (GET /api/agents/" + id
          + "/enrolment) until its first sign-in, for at most " + KeptDeviceTokens.KEPT_FOR.toDays() + " days");
      System.out.println("device token (shown only now; the phone uses it as its MQTT password):");
      System.out.println(created.deviceToken());
    }
  }

  /**
   * {@code agent token ID} prints a new device token once (the old one stops working); {@code agent disable ID} and
   * {@code agent enable ID} switch the agent off and on. A running server cuts the agent's devices off (MQTT connections,
   * phone sessions) within {@code AgentStandings.RECHECK_INTERVAL}: the command line cannot announce the change.
   */
  private static void agentCredentials(CampoConfig config, String action, String id) throws Exception {
    try (Database db = new Database(config).start()) {
      AgentRegistry registry = new AgentRegistry(db.dataSource());
      if (action.equals("token")) {
        java.util.Optional<String> token = registry.rotateToken(id);
        if (token.isEmpty()) {
          usage("no agent '" + id + "'");
          return;
        }
        System.out.println("new device token of agent " + id + " (shown only now; the old one no longer works):");
        System.out.println(token.get());
        return;
      }
      boolean active = action.equals("enable");
      if (!registry.setActive(id, active)) {
        usage("no agent '" + id + "'");
        return;
      }
      System.out.println("agent " + id + (active ? " enabled; its phone logs in again with its token"
          : " disabled; its devices are cut off within seconds"));
    }
  }

  private static final String USER_USAGE = "usage: campo user add USERNAME --role admin|dispatcher|manager [--team TEAM]... [--password-stdin]"
      + " | campo user password USERNAME [--password-stdin]";

  /**
   * {@code user add}: the password is read from the first line of standard input with
   * {@code --password-stdin} (never from the command line, where {@code ps} and shell history
   * would show it), else generated and printed once. A running server sees the new user's teams
   * within {@code TeamScope.RELOAD_INTERVAL}.
   */
  private static void user(CampoConfig config, String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("password")) {
      userPassword(config, args);
      return;
    }
    if (args.length < 2 || !args[0].equals("add")) {
      usage(USER_USAGE);
      return;
    }
    String role = null;
    List<String> teams = new ArrayList<>();
    boolean passwordFromStdin = false;
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--role") && i + 1 < args.length) {
        role = args[++i];
      } else if (args[i].equals("--team") && i + 1 < args.length) {
        teams.add(args[++i]);
      } else if (args[i].equals("--password-stdin")) {
        passwordFromStdin = true;
      } else {
        usage("unexpected argument '" + args[i] + "'; " + USER_USAGE);
        return;
      }
    }
    String password;
    if (passwordFromStdin) {
      password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } else {
      password = UserAccounts.generatePassword();
    }
    // The same checks as POST /api/users, with the same wording.
    NewUser user = NewUser.read(new JsonObject().put("username", args[1]).put("password", password).put("role", role)
        .put("teams", new JsonArray(teams)));
    try (Database db = new Database(config).start()) {
      UserAccounts.OfficeUser created = new UserAccounts(db.dataSource()).create(user.username(), user.password(), user.role(), user.teams());
      System.out.println("user " + created.username() + " (" + created.role() + ") created"
          + (created.teams().isEmpty() ? "" : " in teams " + String.join(", ", created.teams())));
      if (!passwordFromStdin) {
        System.out.println("password (shown only now):");
        System.out.println(password);
      }
    }
  }

  /**
   * {@code user password USERNAME}: a new password for an existing user (the way back in for an agency whose only admin
   * forgot theirs), read from standard input with {@code --password-stdin}, else generated and printed once. The user's
   * tokens issued before stop opening the API of a running server at its next look at the account (within
   * {@code AccountCheck.CONFIRMED_FOR}); changing it with {@code PUT /api/users/{u}/password} also closes their live
   * map sockets at once.
   */
  private static void userPassword(CampoConfig config, String[] args) throws Exception {
    boolean passwordFromStdin = false;
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--password-stdin")) {
        passwordFromStdin = true;
      } else {
        usage("unexpected argument '" + args[i] + "'; " + USER_USAGE);
        return;
      }
    }
    String password = passwordFromStdin
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine()
        : UserAccounts.generatePassword();
    java.util.Optional<String> problem = UserAccounts.passwordProblem(password);
    if (problem.isPresent()) {
      usage(problem.get());
      return;
    }
    try (Database db = new Database(config).start()) {
      if (new UserAccounts(db.dataSource()).setPassword(args[1], password).isEmpty()) {
        usage("no user '" + args[1] + "'");
        return;
      }
      System.out.println("password of " + args[1] + " changed; their earlier sessions end");
      if (!passwordFromStdin) {
        System.out.println("password (shown only now):");
        System.out.println(password);
      }
    }
  }

  private static void usage(String message) {
    System.err.println("campo: " + message);
    System.exit(2);
  }
}
