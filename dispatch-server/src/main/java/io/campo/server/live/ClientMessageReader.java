package io.campo.server.live;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads what a live client sends: first {@code {"type":"auth","token":"<jwt>"}} ({@link #token}), then {@code {"type":"viewport","bbox":[minLon,minLat,maxLon,maxLat]}} or
 * {@code "bbox": null} for everything, and {@code {"type":"ack","seq":n}} once it has applied frame n. Anything else
 * is an {@link IllegalArgumentException} whose message goes back to the client in an error frame.
 */
public final class ClientMessageReader {

  /** Text messages longer than this are refused before parsing: a viewport is well under 200 characters. */
  static final int MAX_MESSAGE_CHARS = 4096;

  private ClientMessageReader() {}

  /** A viewport message's box; any other message is refused. */
  public static Bbox read(String text) {
    if (message(text) instanceof ClientMessage.Viewport viewport) {
      return viewport.bbox();
    }
    throw new IllegalArgumentException("expected a viewport message");
  }

  /**
   * The token of a socket's first message, {@code {"type":"auth","token":"<jwt>"}}; anything else is refused with a
   * message for the close frame, which holds at most 123 bytes.
   */
  public static String token(String text) {
    if (text.length() > MAX_MESSAGE_CHARS) {
      throw new IllegalArgumentException("auth message too long");
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("first message must be {\"type\":\"auth\",\"token\":\"<jwt>\"}");
    }
    if (!"auth".equals(message.getValue("type"))) {
      throw new IllegalArgumentException("first message must be {\"type\":\"auth\",\"token\":\"<jwt>\"}");
    }
    if (!(message.getValue("token") instanceof String token) || token.isBlank()) {
      throw new IllegalArgumentException("the auth message needs \"token\": the JWT from /api/auth/login");
    }
    return token;
  }

  static ClientMessage message(String text) {
    if (text.length() > MAX_MESSAGE_CHARS) {
      throw new IllegalArgumentException("message too long (" + text.length() + " characters, at most " + MAX_MESSAGE_CHARS + ")");
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object; send {\"type\":\"viewport\",\"bbox\":[minLon,minLat,maxLon,maxLat]}");
    }
    Object type = message.getValue("type");
    if ("ack".equals(type)) {
      if (!(message.getValue("seq") instanceof Number seq) || seq.longValue() < 0 || seq.doubleValue() != seq.longValue()) {
        throw new IllegalArgumentException("an ack needs \"seq\": the number of the frame applied");
      }
      return new ClientMessage.Ack(seq.longValue());
    }
    if (!"viewport".equals(type)) {
      throw new IllegalArgumentException("unknown message type " + type + "; the types are \"viewport\" and \"ack\"");
    }
    if (!message.containsKey("bbox")) {
      throw new IllegalArgumentException("a viewport needs \"bbox\": [minLon,minLat,maxLon,maxLat], or null for the whole map");
    }
    Object bbox = message.getValue("bbox");
    if (bbox == null) {
      return new ClientMessage.Viewport(Bbox.WORLD);
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
    return new ClientMessage.Viewport(new Bbox(v[0], v[1], v[2], v[3]));
  }
}
