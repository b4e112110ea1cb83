package io.campo.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.CampoServer;
import io.campo.server.TestServer;
import io.campo.server.config.CampoConfig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two nodes started at the same instant on an empty database, as an orchestrator starts a cluster: both run the
 * migrations, telemetry partitions and admin bootstrap before they have met, and both must come up, in one cluster.
 */
class SimultaneousStartTest {

  @Test
  void twoNodesStartingTogetherOnAnEmptyDatabaseBothComeUpInOneCluster() throws Exception {
    LoopbackCluster cluster = LoopbackCluster.prepare("campo-together");
    String dbUrl = cluster.dbUrl();
    List<Map<String, String>> envs = new ArrayList<>();
    for (int port : new int[] {cluster.portA(), cluster.portB()}) {
      Map<String, String> env = cluster.env(port, cluster.members(), "together-" + port);
      // No configured password: each node would generate one, and only the one stored may be printed.
      env.remove("CAMPO_ADMIN_PASSWORD");
      envs.add(env);
    }
    ExecutorService starter = Executors.newFixedThreadPool(2);
    List<Future<CampoServer>> starting = envs.stream()
        .map(env -> starter.submit(() -> CampoServer.start(CampoConfig.from(env)))).toList();
    List<CampoServer> nodes = new ArrayList<>();
    try {
      for (Future<CampoServer> f : starting) {
        nodes.add(f.get(120, TimeUnit.SECONDS));
      }
      for (CampoServer node : nodes) {
        assertEquals(2, node.node().members().size(), node.nodeId() + " sees " + node.node().members());
      }
      List<String> printed = nodes.stream().map(n -> n.features().generatedAdminPassword()).flatMap(Optional::stream).toList();
      assertEquals(1, printed.size(), "exactly one node printed a generated admin password");
      for (CampoServer node : nodes) {
        assertEquals(200, login(node.httpPort(), printed.get(0)), "the printed password works on " + node.nodeId());
      }
      assertTrue(TestServer.count(dbUrl, "SELECT count(*) FROM pg_class WHERE relname LIKE 'telemetry_p%'") > 0,
          "telemetry partitions were created once, by whichever node came first");
    } finally {
      nodes.forEach(CampoServer::close);
      starter.shutdownNow();
    }
  }

  static int login(int port, String password) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin").put("password", password).encode()))
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
