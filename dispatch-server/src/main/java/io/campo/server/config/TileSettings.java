package io.campo.server.config;

/**
 * The raster tiles under the dispatcher's map.
 *
 * @param url Leaflet tile URL template ({@code {z}/{x}/{y}}), from {@code CAMPO_TILE_URL}
 * @param attribution the credit the tile provider requires, from {@code CAMPO_TILE_ATTRIBUTION}
 */
public record TileSettings(String url, String attribution) {

  public static final String OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  public static final String OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors";
}
