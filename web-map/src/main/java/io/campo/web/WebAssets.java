package io.campo.web;

/**
 * Where the browser side lives on the classpath, for the server to serve as static files.
 * The Leaflet path follows the webjar's version, managed as {@code leaflet.version} in the
 * parent pom; the whole {@code dist/} folder is served because Leaflet loads its marker images
 * relative to its CSS.
 */
public final class WebAssets {

  /** The Campo pages (index.html, app.js, app.css). */
  public static final String SITE_ROOT = "campo-web";

  /** Leaflet's {@code dist/} folder inside its webjar. */
  public static final String LEAFLET_ROOT = "META-INF/resources/webjars/leaflet/1.9.4/dist";

  /**
   * The Eclipse Paho MQTT client for browsers ({@code paho-mqtt-min.js}), which the agent app uses to publish its
   * telemetry over WebSocket. The brief named mqtt.js's webjar, but no version of it is on the Maven Central here.
   */
  public static final String PAHO_ROOT = "META-INF/resources/webjars/paho-mqtt/1.1.0";

  private WebAssets() {}
}
