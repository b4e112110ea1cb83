package io.campo.server.live;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads what a live client sends: {@code {"type":"viewport","bbox":[minLon,minLat,maxLon,maxLat]}} or
 * {@code "bbox": null} for everything. Anything else is an {@link IllegalArgumentException} whose message goes back to
 * the client in an error frame.
 */
public final class ViewportReader {

  /** Text messages longer than this are refused before parsing: a viewport is well under 200 characters. */
  static final int MAX_MESSAGE_CHARS = 4096;

  private ViewportReader() {}

  public static Bbox read(String text) {
    if (text.length() > MAX_MESSAGE_CHARS) {
      throw new IllegalArgumentException("message too long (" + text.length() + " characters, at most " + MAX_MESSAGE_CHARS + ")");
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object; send {\"type\":\"viewport\",\"bbox\":[minLon,minLat,maxLon,maxLat]}");
    }
    if (!"viewport".equals(message.getValue("type"))) {
      throw new IllegalArgumentException("unknown message type " + message.getValue("type") + "; the only one is \"viewport\"");
    }
    if (!message.containsKey("bbox")) {
      throw new IllegalArgumentException("a viewport needs \"bbox\": [minLon,minLat,maxLon,maxLat], or null for the whole map");
    }
    Object bbox = message.getValue("bbox");
    if (bbox == null) {
      return Bbox.WORLD;
    }
    if (!(bbox instanceof JsonArray corners) || corners.size() != 4) {
      throw new IllegalArgumentException("\"bbox\" must be an array of 4 numbers [minLon,minLat,maxLon,maxLat]");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      if (!(corners.getValue(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new IllegalArgumentException("\"bbox\" must be an array of 4 numbers [minLon,minLat,maxLon,maxLat]");
      }
      v[i] = n.doubleValue();
    }
    return new Bbox(v[0], v[1], v[2], v[3]);
  }
}
