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

  private WebAssets() {}
}
