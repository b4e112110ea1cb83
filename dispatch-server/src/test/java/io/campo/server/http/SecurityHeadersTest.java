package io.campo.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  @Test
  void theTileHostIsTheOneImageSourceBesidesThisServer() {
    assertEquals("https://tile.openstreetmap.org", SecurityHeaders.tileSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
    assertEquals("https://*.tiles.example.mx", SecurityHeaders.tileSource("https://{s}.tiles.example.mx/{z}/{x}/{y}.png"));
    assertEquals("http://127.0.0.1:9000", SecurityHeaders.tileSource("http://127.0.0.1:9000/{z}/{x}/{y}.png"));
    assertEquals("https:", SecurityHeaders.tileSource("https://tiles-{s}.example.mx/{z}/{x}/{y}.png"),
        "a placeholder a CSP host cannot express allows the scheme rather than break the map");
    assertEquals("https:", SecurityHeaders.tileSource("https://evil.example;script-src */{z}/{x}/{y}"),
        "nothing from the URL can add a directive");
    String csp = new SecurityHeaders("https://{s}.tiles.example.mx/{z}/{x}/{y}.png", false).contentSecurityPolicy();
    assertTrue(csp.contains("img-src 'self' data: https://*.tiles.example.mx;"), csp);
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
  }

  /** The agent app publishes over MQTT/WebSocket on another port of the page's own host: only that one is allowed. */
  @Test
  void theMqttWebSocketOfThePagesOwnHostIsAllowed() {
    SecurityHeaders headers = new SecurityHeaders("https://tile.openstreetmap.org/{z}/{x}/{y}.png", false, 8083);
    String csp = headers.policyFor("campo.example.mx");
    assertTrue(csp.contains("connect-src 'self' ws://campo.example.mx:8083 wss://campo.example.mx:8083;"), csp);
    assertEquals(headers.contentSecurityPolicy(), headers.policyFor("evil.example; script-src *"),
        "a Host header that is no plain host name adds nothing");
    assertEquals(headers.contentSecurityPolicy(), new SecurityHeaders("https://t.example/{z}/{x}/{y}", false, -1)
        .policyFor("campo.example.mx").replace("t.example", "tile.openstreetmap.org"), "no MQTT WebSocket, no extra source");
  }

  /** Pages, scripts, API answers and errors alike; HSTS only under TLS (TlsTest checks it there). */
  @Test
  void everyAnswerCarriesTheHeadersAndPlainHttpNoHsts() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_TILE_URL", "https://tiles.example.mx/{z}/{x}/{y}.png");
    env.put("CAMPO_TILE_ATTRIBUTION", "Ejemplo");
    try (TestServer server = TestServer.start(env)) {
      for (String path : List.of("/", "/index.html", "/manager.html", "/app.js", "/session.js", "/health", "/api/agents",
          "/no-such-page")) {
        HttpResponse<String> r = server.request("GET", path, null, null);
        var h = r.headers();
        String csp = h.firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self';")
            && csp.contains("img-src 'self' data: https://tiles.example.mx;") && csp.contains("frame-ancestors 'none'"),
            path + ": " + csp);
        assertFalse(csp.contains("'unsafe-eval'") || csp.contains("script-src 'self' 'unsafe-inline'"), path);
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null), path);
        assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(null), path);
        assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(null), path);
        assertTrue(h.firstValue("Strict-Transport-Security").isEmpty(), path + ": no HSTS over plain HTTP");
      }
      assertEquals(401, server.request("GET", "/api/agents", null, null).statusCode());
    }
  }
}
