package io.campo.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * The headers every answer carries so that a browser holds the pages to what they are: scripts and styles only from
 * this server, map tiles only from the configured tile host, data only from this server (the API and the live socket),
 * never framed (clickjacking), never sniffed into another content type, and no URL leaked in a {@code Referer}. Under
 * TLS, {@code Strict-Transport-Security} keeps browsers from ever trying plain HTTP again (one year; subdomains left to
 * the operator, who may serve others in clear).
 *
 * <p>Styles allow {@code 'unsafe-inline'}: the pages colour markers and heat-map cells with {@code style} attributes in
 * the HTML they build, and Leaflet positions everything with inline styles. Scripts do not: every script is a file.
 *
 * <p>Immutable and thread-safe.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  static final String HSTS = "max-age=31536000";

  private final String contentSecurityPolicy;
  private final boolean tls;
  private final int mqttWebSocketPort;

  /**
   * @param tileUrl the map's tile URL template ({@code CAMPO_TILE_URL}): its host is the one image source besides this
   *     server
   * @param tls whether the server speaks HTTPS (then, and only then, HSTS)
   */
  public SecurityHeaders(String tileUrl, boolean tls) {
    this(tileUrl, tls, -1);
  }

  /**
   * @param mqttWebSocketPort the port of MQTT over WebSocket ({@code CAMPO_MQTT_WS_PORT}), -1 when off: the agent app
   *     publishes its fixes there, on this host but another port, which {@code 'self'} does not cover
   */
  public SecurityHeaders(String tileUrl, boolean tls, int mqttWebSocketPort) {
    this.mqttWebSocketPort = mqttWebSocketPort;
    this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: " + tileSource(tileUrl) + "; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    this.tls = tls;
  }

  public String contentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  /**
   * The CSP source of a Leaflet tile template: {@code https://{s}.tile.example.org/{z}/{x}/{y}.png} becomes
   * {@code https://*.tile.example.org}. A placeholder anywhere but the first label cannot be a CSP host, so then the
   * whole scheme is allowed ({@code https:}) rather than a map without tiles.
   */
  static String tileSource(String tileUrl) {
    int schemeEnd = tileUrl.indexOf("://");
    String scheme = tileUrl.substring(0, schemeEnd);
    int pathStart = tileUrl.indexOf('/', schemeEnd + 3);
    String authority = tileUrl.substring(schemeEnd + 3, pathStart < 0 ? tileUrl.length() : pathStart);
    String host = authority.replaceFirst("^\\{[a-z]+\\}\\.", "*.");
    if (host.contains("{") || host.contains("}") || host.contains(";") || host.contains(",") || host.contains(" ")
        || host.contains("'") || host.contains("@")) {
      return scheme + ":";
    }
    try {
      URI.create(scheme + "://" + host.replace("*.", "wildcard."));
    } catch (IllegalArgumentException e) {
      return scheme + ":";
    }
    return scheme + "://" + host;
  }

  /**
   * The policy for a page served to {@code host}: its MQTT WebSocket is on the same host the page came from, so the
   * host the browser asked for is the one to allow (a name that is not a plain host name allows none).
   */
  String policyFor(String host) {
    if (mqttWebSocketPort <= 0 || host == null || !host.matches("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]")) {
      return contentSecurityPolicy;
    }
    String socket = host + ":" + mqttWebSocketPort;
    return contentSecurityPolicy.replace("connect-src 'self';", "connect-src 'self' ws://" + socket + " wss://" + socket + ";");
  }

  @Override
  public void handle(RoutingContext ctx) {
    var headers = ctx.response().headers();
    headers.set("Content-Security-Policy", policyFor(ctx.request().authority() == null ? null : ctx.request().authority().host()));
    headers.set("X-Content-Type-Options", "nosniff");
    // frame-ancestors for current browsers, X-Frame-Options for those that predate it.
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    if (tls) {
      headers.set("Strict-Transport-Security", HSTS);
    }
    ctx.next();
  }
}
