package io.campo.server.cluster;

import io.campo.server.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Clustered servers in one JVM as a load balancer would use them: real Hazelcast over loopback TCP, one fresh
 * PostgreSQL, a cluster name of this JVM's own (other test runs on this machine form their own clusters). Nodes A and B
 * name each other as members; a later node joins through A.
 */
record LoopbackCluster(String dbUrl, String name, int portA, int portB) {

  static LoopbackCluster prepare(String namePrefix) throws IOException {
    int portA = freePort();
    int portB;
    do {
      portB = freePort();
    } while (portB == portA);
    return new LoopbackCluster(TestServer.freshDatabaseUrl(), namePrefix + "-" + ProcessHandle.current().pid(), portA, portB);
  }

  String members() {
    return "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
  }

  /** The settings of a node that listens for the cluster on {@code memberPort} and finds it through {@code members}. */
  Map<String, String> env(int memberPort, String members, String nodeId) {
    Map<String, String> env = TestServer.env(dbUrl);
    env.put("CAMPO_CLUSTER", "on");
    env.put("CAMPO_CLUSTER_HOST", "127.0.0.1");
    env.put("CAMPO_CLUSTER_PORT", String.valueOf(memberPort));
    env.put("CAMPO_CLUSTER_MEMBERS", members);
    env.put("CAMPO_CLUSTER_NAME", name);
    env.put("CAMPO_NODE_ID", nodeId);
    return env;
  }

  TestServer startA() throws Exception {
    return TestServer.start(env(portA, members(), "node-a"));
  }

  TestServer startB() throws Exception {
    return TestServer.start(env(portB, members(), "node-b"));
  }

  /** One more node, finding the cluster through A. */
  TestServer startJoiningA(String nodeId) throws Exception {
    return TestServer.start(env(freePort(), "127.0.0.1:" + portA, nodeId));
  }

  /**
   * A free port below the kernel's ephemeral range (32768 and up on Linux): the servers pick their HTTP and MQTT ports
   * from that range once they start, after this port was released, and one of them could otherwise be handed this one
   * (seen: "Port … is already in use" from Hazelcast).
   */
  static int freePort() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
      try (ServerSocket s = new ServerSocket(port)) {
        return s.getLocalPort();
      } catch (IOException inUse) {
        // another one
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }
}
