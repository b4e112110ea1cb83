package io.campo.server.live;

/** What a live client sends: the part of the map it shows, or that it has applied a frame. */
sealed interface ClientMessage {

  /** Send only agents inside {@code bbox} ({@link Bbox#WORLD} for all), starting with a snapshot of them. */
  record Viewport(Bbox bbox) implements ClientMessage {}

  /** The client has applied frame {@code seq}; a client that acknowledges frames gets the next only after it does. */
  record Ack(long seq) implements ClientMessage {}
}
