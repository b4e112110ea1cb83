package io.campo.server.live;

import io.vertx.core.http.ServerWebSocket;
import java.time.Clock;

/**
 * One connected live socket and what it has not seen yet. Runs on the live feed's event loop; writes go to the
 * socket's own connection, which Vert.x allows from any thread.
 */
final class LiveClient {

  private final ServerWebSocket socket;
  private final LiveCoalescer coalescer;
  private final Clock clock;
  /** When the JWT the socket was opened with expires: the page then logs in again and reconnects. */
  private final long expiresAtMillis;
  /** Whether this client acknowledges frames; from its first ack on, at most one frame is unacknowledged. */
  private boolean acknowledges;
  private long lastSent = -1;
  private long lastAcked = -1;
  private long lastSentNanos;
  /** A tick found the client behind; its acknowledgement may then send at once rather than wait for the next tick. */
  private boolean owed;

  LiveClient(ServerWebSocket socket, LiveCoalescer coalescer, Clock clock, long expiresAtMillis) {
    this.socket = socket;
    this.coalescer = coalescer;
    this.clock = clock;
    this.expiresAtMillis = expiresAtMillis;
  }

  LiveCoalescer coalescer() {
    return coalescer;
  }

  /**
   * Sends what changed since the last frame, unless the client has not caught up: then this tick is skipped and
   * changes keep coalescing, so a slow browser gets fewer, fresher frames instead of a growing backlog. Caught up means
   * the socket's queue is not full and, for a client that acknowledges frames, that it has applied the last one: the
   * write queue alone lets the kernel's socket buffers hold seconds of frames a busy browser has not read yet
   * (measured with {@code ./campo bench live}).
   */
  void flush() {
    if (socket.isClosed()) {
      return;
    }
    if (clock.millis() >= expiresAtMillis) {
      socket.close((short) 4401, "token expired; log in again");
      return;
    }
    if (socket.writeQueueFull() || (acknowledges && lastAcked < lastSent)) {
      owed = true;
      return;
    }
    owed = false;
    LiveFrame frame = coalescer.flush();
    if (frame != null) {
      lastSent = frame.seq();
      lastSentNanos = System.nanoTime();
      socket.writeTextMessage(LiveFrames.encode(frame, clock.millis()));
    }
  }

  /** A client message: a new viewport, or an error frame saying what was wrong (the connection stays open). */
  void received(String text) {
    try {
      ClientMessage message = ClientMessageReader.message(text);
      if (message instanceof ClientMessage.Viewport v) {
        coalescer.viewport(v.bbox());
      } else if (message instanceof ClientMessage.Ack a) {
        acknowledges = true;
        lastAcked = Math.max(lastAcked, a.seq());
        // A slow client's ack lands between ticks: when the interval since the last frame has already passed, the
        // next frame goes now instead of up to one more interval later.
        if (owed && System.nanoTime() - lastSentNanos >= LiveFeedVerticle.FRAME_INTERVAL_MILLIS * 1_000_000L) {
          flush();
        }
      }
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
