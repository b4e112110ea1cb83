package io.campo.server.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.zaxxer.hikari.HikariDataSource;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The telemetry writers have their own pool: with every general connection taken, fixes are still acknowledged and stored. */
class TelemetryPoolTest {

  @Test
  void fixesAreAcknowledgedAndStoredWhileTheGeneralPoolIsExhausted() throws Exception {
    try (TestServer server = TestServer.start()) {
      String token = server.createAgent("ingesta");
      Mqtt5AsyncClient phone = Devices.mqtt5(server.server.mqttPort(), "ingesta", token);
      HikariDataSource general = (HikariDataSource) server.server.database().dataSource();
      List<Connection> held = new ArrayList<>();
      try {
        // What a burst of logins, a slow report or a pile of API calls would do to a shared pool.
        for (int i = 0; i < general.getMaximumPoolSize(); i++) {
          held.add(general.getConnection());
        }
        assertEquals(general.getMaximumPoolSize(), general.getHikariPoolMXBean().getActiveConnections());
        assertEquals(0, general.getHikariPoolMXBean().getIdleConnections());

        long t0 = Devices.now() - 60_000;
        for (int i = 0; i < 20; i++) {
          // PUBACK comes only after the fix is committed: within a few seconds, not after the pool's 5 s borrow timeout.
          phone.publishWith().topic(Devices.telemetryTopic("ingesta")).qos(Devices.QOS1)
              .payload(Devices.fix(t0 + i * 1000L, 19.4, -99.1, i)).send().get(10, TimeUnit.SECONDS);
        }
        // Counted over a connection of its own, while the general pool is still held.
        assertEquals(20, server.count("SELECT count(*) FROM telemetry WHERE agent_id = 'ingesta'"));
        assertEquals(20, server.count("SELECT count(DISTINCT seq) FROM telemetry WHERE agent_id = 'ingesta'"));
      } finally {
        for (Connection c : held) {
          c.close();
        }
        phone.disconnect().get(10, TimeUnit.SECONDS);
      }
    }
  }
}
