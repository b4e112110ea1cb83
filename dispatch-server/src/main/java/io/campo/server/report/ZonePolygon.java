package io.campo.server.report;

import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report zone: one or more polygons (each an outer ring and optional holes) in lon/lat, read from
 * a GeoJSON {@code Polygon}/{@code MultiPolygon} (bare or in a {@code Feature}) or a WKT
 * {@code POLYGON}/{@code MULTIPOLYGON}. Rings must be closed and have at least 4 positions.
 *
 * @param polygons each polygon's rings, outer first; each ring's positions as {lon, lat}
 */
public record ZonePolygon(List<List<List<double[]>>> polygons) {

  public static final int MAX_POSITIONS = 10_000;
  static final String EXAMPLE = "a GeoJSON Polygon such as {\"type\": \"Polygon\", \"coordinates\": "
      + "[[[-99.2, 19.3], [-99.0, 19.3], [-99.0, 19.5], [-99.2, 19.3]]]} or WKT such as "
      + "POLYGON((-99.2 19.3, -99.0 19.3, -99.0 19.5, -99.2 19.3))";

  /**
   * @param value the request's {@code zone}: a GeoJSON object or a WKT string
   * @throws ApiException 400 saying what is wrong and what a zone looks like
   */
  public static ZonePolygon read(Object value) {
    value = plain(value);
    ZonePolygon zone;
    if (value instanceof String wkt) {
      zone = wkt(wkt);
    } else if (value instanceof Map<?, ?> geoJson) {
      zone = geoJson(geoJson);
    } else {
      throw bad("'zone' must be " + EXAMPLE);
    }
    int positions = 0;
    for (List<List<double[]>> polygon : zone.polygons) {
      for (List<double[]> ring : polygon) {
        positions += ring.size();
        check(ring);
      }
    }
    if (positions > MAX_POSITIONS) {
      throw bad("'zone' has " + positions + " positions; at most " + MAX_POSITIONS);
    }
    return zone;
  }

  /** Each ring as PostgreSQL {@code polygon} text, {@code ((lon,lat),...)}, outer ring first. */
  List<List<String>> postgresRings() {
    List<List<String>> out = new ArrayList<>();
    for (List<List<double[]>> polygon : polygons) {
      List<String> rings = new ArrayList<>();
      for (List<double[]> ring : polygon) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < ring.size() - 1; i++) {   // PostgreSQL closes the ring itself
          s.append(i == 0 ? "" : ",").append('(').append(ring.get(i)[0]).append(',').append(ring.get(i)[1]).append(')');
        }
        rings.add(s.append(')').toString());
      }
      out.add(rings);
    }
    return out;
  }

  private static ZonePolygon geoJson(Map<?, ?> o) {
    Object type = o.get("type");
    if ("Feature".equals(type)) {
      if (!(o.get("geometry") instanceof Map<?, ?> geometry)) {
        throw bad("the zone Feature has no geometry; 'zone' must be " + EXAMPLE);
      }
      return geoJson(geometry);
    }
    Object coordinates = o.get("coordinates");
    if ("Polygon".equals(type)) {
      return new ZonePolygon(List.of(polygon(coordinates)));
    }
    if ("MultiPolygon".equals(type) && coordinates instanceof List<?> list && !list.isEmpty()) {
      List<List<List<double[]>>> polygons = new ArrayList<>();
      for (Object p : list) {
        polygons.add(polygon(p));
      }
      return new ZonePolygon(polygons);
    }
    throw bad("the zone's GeoJSON type must be Polygon or MultiPolygon, got " + (type == null ? "none" : "'" + type + "'")
        + "; 'zone' must be " + EXAMPLE);
  }

  private static List<List<double[]>> polygon(Object coordinates) {
    if (!(coordinates instanceof List<?> rings) || rings.isEmpty()) {
      throw bad("a zone polygon's coordinates must be a list of rings; 'zone' must be " + EXAMPLE);
    }
    List<List<double[]>> out = new ArrayList<>();
    for (Object r : rings) {
      if (!(r instanceof List<?> positions)) {
        throw bad("a zone ring must be a list of [lon, lat] positions");
      }
      List<double[]> ring = new ArrayList<>();
      for (Object p : positions) {
        if (!(p instanceof List<?> pair) || pair.size() < 2 || !(pair.get(0) instanceof Number lon) || !(pair.get(1) instanceof Number lat)) {
          throw bad("a zone position must be [lon, lat] numbers, got " + p);
        }
        ring.add(new double[] {lon.doubleValue(), lat.doubleValue()});
      }
      out.add(ring);
    }
    return out;
  }

  private static ZonePolygon wkt(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    List<List<List<double[]>>> polygons = new ArrayList<>();
    try {
      if (t.startsWith("POLYGON")) {
        polygons.add(wktPolygon(inner(t.substring("POLYGON".length()).trim())));
      } else if (t.startsWith("MULTIPOLYGON")) {
        String body = inner(t.substring("MULTIPOLYGON".length()).trim());
        for (String p : splitTopLevel(body)) {
          polygons.add(wktPolygon(inner(p.trim())));
        }
      } else {
        throw bad("the zone's WKT must be a POLYGON or MULTIPOLYGON; 'zone' must be " + EXAMPLE);
      }
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw bad("the zone's WKT cannot be read; 'zone' must be " + EXAMPLE);
    }
    return new ZonePolygon(polygons);
  }

  private static List<List<double[]>> wktPolygon(String rings) {
    List<List<double[]>> out = new ArrayList<>();
    for (String r : splitTopLevel(rings)) {
      List<double[]> ring = new ArrayList<>();
      for (String position : inner(r.trim()).split(",")) {
        String[] xy = position.trim().split(" ");
        if (xy.length != 2) {
          throw bad("a WKT zone position must be 'lon lat', got '" + position.trim() + "'");
        }
        ring.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
      }
      out.add(ring);
    }
    return out;
  }

  /** The text inside one pair of outer parentheses. */
  private static String inner(String s) {
    if (!s.startsWith("(") || !s.endsWith(")")) {
      throw bad("the zone's WKT has unbalanced parentheses; 'zone' must be " + EXAMPLE);
    }
    return s.substring(1, s.length() - 1);
  }

  /** Splits "(a),(b)" at the commas between top-level parenthesised groups. */
  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth < 0) {
          throw bad("the zone's WKT has unbalanced parentheses; 'zone' must be " + EXAMPLE);
        }
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw bad("the zone's WKT has unbalanced parentheses; 'zone' must be " + EXAMPLE);
    }
    parts.add(s.substring(start));
    return parts;
  }

  private static void check(List<double[]> ring) {
    if (ring.size() < 4) {
      throw bad("a zone ring needs at least 4 positions (the first repeated at the end), got " + ring.size());
    }
    double[] first = ring.get(0);
    double[] last = ring.get(ring.size() - 1);
    if (first[0] != last[0] || first[1] != last[1]) {
      throw bad("a zone ring must be closed: its last position must repeat its first");
    }
    for (double[] p : ring) {
      if (!(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90)) {
        throw bad("a zone position must have lon in -180..180 and lat in -90..90, got [" + p[0] + ", " + p[1] + "]");
      }
    }
  }

  /** Vert.x JSON as plain maps and lists, however deep (a JsonObject may hold either form). */
  private static Object plain(Object value) {
    if (value instanceof JsonObject o) {
      value = o.getMap();
    } else if (value instanceof JsonArray a) {
      value = a.getList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, plain(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    return value;
  }

  private static ApiException bad(String message) {
    return ApiException.badRequest(message);
  }
}
