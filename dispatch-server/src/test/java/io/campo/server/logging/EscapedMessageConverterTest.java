package io.campo.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.campo.server.TestServer;
import io.campo.server.auth.LoginHandler;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EscapedMessageConverterTest {

  @Test
  void lineBreaksAndControlCharactersAreWrittenOut() {
    assertEquals("a\\nb\\rc\\td", EscapedMessageConverter.escape("a\nb\rc\td"));
    assertEquals("\\u001b[31mred", EscapedMessageConverter.escape("\u001b[31mred"));
    assertEquals("x\\u2028y\\u202ez\\u0085\\u007f", EscapedMessageConverter.escape("x\u2028y\u202ez\u0085\u007f"));
    assertEquals("José Pérez — ok 'quoted' \\ back", EscapedMessageConverter.escape("José Pérez — ok 'quoted' \\ back"));
    String clean = "nothing to escape";
    assertSame(clean, EscapedMessageConverter.escape(clean), "the common case allocates nothing");
  }

  /** Through the real login and the logback configuration the server runs with: one attempt, one line. */
  @Test
  void aCraftedUsernameCannotForgeALogLine() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%-5level %msg%n");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger logger = context.getLogger(LoginHandler.class);
    logger.addAppender(appender);
    String forged = "mallory\n2026-12-04T10:00:00.000Z INFO  LoginHandler - user 'admin' changed their password";
    try (TestServer server = TestServer.start()) {
      int status = server.request("POST", "/api/auth/login", null,
          new JsonObject().put("username", forged).put("password", "wrong").encode()).statusCode();
      assertEquals(401, status);
      long deadline = System.currentTimeMillis() + 5000;
      while (out.size() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      logger.detachAppender(appender);
      appender.stop();
    }
    String logged = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, logged.lines().count(), logged);
    assertTrue(logged.startsWith("WARN  failed login for 'mallory\\n2026-12-04T10:00:00.000Z INFO"), logged);
  }
}
