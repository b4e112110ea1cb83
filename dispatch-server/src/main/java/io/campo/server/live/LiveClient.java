package io.campo.server.live;

import io.vertx.core.http.ServerWebSocket;

/**
 * One connected live socket and what it has not seen yet. Runs on the live feed's event loop; writes go to the
 * socket's own connection, which Vert.x allows from any thread.
 */
final class LiveClient {

  private final ServerWebSocket socket;
  private final LiveCoalescer coalescer;

  LiveClient(ServerWebSocket socket, LiveCoalescer coalescer) {
    this.socket = socket;
    this.coalescer = coalescer;
  }

  LiveCoalescer coalescer() {
    return coalescer;
  }

  /**
   * Sends what changed since the last frame, unless the socket still has earlier frames queued: then this tick is
   * skipped and changes keep coalescing, so a slow browser gets fewer, fresher frames instead of a growing backlog.
   */
  void flush() {
    if (socket.isClosed() || socket.writeQueueFull()) {
      return;
    }
    LiveFrame frame = coalescer.flush();
    if (frame != null) {
      socket.writeTextMessage(LiveFrames.encode(frame));
    }
  }

  /** A client message: a new viewport, or an error frame saying what was wrong (the connection stays open). */
  void received(String text) {
    try {
      coalescer.viewport(ViewportReader.read(text));
    } catch (IllegalArgumentException e) {
      sendError(e.getMessage());
    }
  }

  void sendError(String message) {
    // A client that floods us with bad messages while not reading does not get an ever-growing queue of replies.
    if (!socket.isClosed() && !socket.writeQueueFull()) {
      socket.writeTextMessage(LiveFrames.error(message));
    }
  }

  void close() {
    if (!socket.isClosed()) {
      socket.close();
    }
  }
}
