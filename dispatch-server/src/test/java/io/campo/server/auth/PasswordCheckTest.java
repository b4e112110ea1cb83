package io.campo.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.campo.server.TestServer;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link UserAccounts#verify} on the real database: bcrypt holds no connection, and unknown users cost the same. */
class PasswordCheckTest {

  static TestServer server;
  static DataSource general;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    general = server.server.database().dataSource();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void bcryptRunsAfterTheConnectionIsBackInThePool() throws Exception {
    new UserAccounts(general).create("lenta", "lenta-password-1", "manager");
    // Cost 14: about a second of bcrypt even on a fast machine, far longer than the lookup, so the window in which a
    // connection-holding check would still hold it cannot be missed.
    String slowHash = BCrypt.withDefaults().hashToString(14, "lenta-password-1".toCharArray());
    try (Connection c = general.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE app_user SET password_hash = ? WHERE username = 'lenta'")) {
      ps.setString(1, slowHash);
      assertEquals(1, ps.executeUpdate());
    }
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(general);
    hc.setMaximumPoolSize(1);
    hc.setConnectionTimeout(250); // Hikari's least
    hc.setPoolName("one-connection");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (HikariDataSource one = new HikariDataSource(hc)) {
      AtomicInteger borrows = new AtomicInteger();
      DataSource counted = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
          (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
              borrows.incrementAndGet();
            }
            return method.invoke(one, args);
          });
      UserAccounts accounts = new UserAccounts(counted);
      Future<Optional<UserAccounts.User>> login = pool.submit(() -> accounts.verify("lenta", "lenta-password-1"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (borrows.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(1, borrows.get(), "the check never borrowed a connection");
      Thread.sleep(200); // the lookup's few milliseconds; bcrypt at cost 14 is far from done
      assertFalse(login.isDone(), "bcrypt at cost 14 finished too fast for this test to mean anything");
      // The pool's only connection is free while bcrypt runs: another request gets it within 250 ms.
      try (Connection c = one.getConnection()) {
        assertTrue(c.isValid(1));
      }
      assertFalse(login.isDone(), "the connection must have been free while bcrypt was still running");
      assertEquals("lenta", login.get(60, TimeUnit.SECONDS).orElseThrow().username());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUnknownUserTakesAsLongAsAWrongPassword() throws Exception {
    UserAccounts accounts = new UserAccounts(general);
    accounts.create("conocida", "conocida-password-1", "dispatcher");
    accounts.verify("conocida", "warm-up-password"); // class loading, JIT, first connection
    accounts.verify("nadie-aqui", "warm-up-password");
    List<Long> known = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    // Interleaved, so that the other engineers' builds on this 2-core box slow both kinds alike.
    for (int i = 0; i < 9; i++) {
      long t0 = System.nanoTime();
      assertTrue(accounts.verify("conocida", "wrong-password-" + i).isEmpty());
      long t1 = System.nanoTime();
      assertTrue(accounts.verify("nadie-" + i, "wrong-password-" + i).isEmpty());
      long t2 = System.nanoTime();
      known.add(t1 - t0);
      unknown.add(t2 - t1);
    }
    long knownMedian = median(known);
    long unknownMedian = median(unknown);
    // Without the dummy hash an unknown user answers in a database round trip, ~50 times sooner than bcrypt at cost 10.
    assertTrue(unknownMedian >= knownMedian / 2, "unknown users answer in " + unknownMedian / 1_000_000 + " ms (median), known ones in "
        + knownMedian / 1_000_000 + " ms: usernames can be told apart by timing");
    assertTrue(accounts.verify("conocida", "conocida-password-1").isPresent(), "the right password still logs in");
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
