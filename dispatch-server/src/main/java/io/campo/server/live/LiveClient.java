package io.campo.server.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.time.Clock;

/**
 * One connected live socket and what it has not seen yet, with its own frame timer: each client's frames keep their
 * own phase, {@value LiveFeedVerticle#FRAME_INTERVAL_MILLIS} ms after its previous frame, instead of waiting for a
 * shared tick (measured with {@code ./campo bench live}: a client whose acknowledgement missed the shared tick waited up
 * to a whole extra interval, and one acknowledged just before it got two frames closer than the interval). Runs on the
 * live feed's event loop; writes go to the socket's own connection, which Vert.x allows from any thread.
 */
final class LiveClient {

  private static final long INTERVAL_NANOS = LiveFeedVerticle.FRAME_INTERVAL_MILLIS * 1_000_000L;
  /**
   * A quiet socket is pinged after this long, well within the HTTP idle timeout (at least 15 s,
   * CAMPO_HTTP_IDLE_TIMEOUT_SECONDS), which would otherwise close the map of a fleet that stands still.
   */
  static final long PING_AFTER_NANOS = 5_000_000_000L;

  private final ServerWebSocket socket;
  private final LiveCoalescer coalescer;
  private final Clock clock;
  private final Vertx vertx;
  /** When the JWT the socket was opened with expires: the page then logs in again and reconnects. */
  private final long expiresAtMillis;
  /** Whether this client acknowledges frames; from its first ack on, at most one frame is unacknowledged. */
  private boolean acknowledges;
  private long lastSent = -1;
  private long lastAcked = -1;
  private long lastSentNanos = System.nanoTime() - INTERVAL_NANOS;
  private long lastWriteNanos = System.nanoTime();
  /** The interval since the last frame has passed but the client had not caught up: its ack sends at once. */
  private boolean owed;
  private long timerId = -1;
  private boolean stopped;

  LiveClient(ServerWebSocket socket, LiveCoalescer coalescer, Clock clock, Vertx vertx, long expiresAtMillis) {
    this.socket = socket;
    this.coalescer = coalescer;
    this.clock = clock;
    this.vertx = vertx;
    this.expiresAtMillis = expiresAtMillis;
  }

  LiveCoalescer coalescer() {
    return coalescer;
  }

  /** Starts the client's frames: the first (a snapshot) one interval from now, as the shared tick did. */
  void start() {
    arm(LiveFeedVerticle.FRAME_INTERVAL_MILLIS);
  }

  /**
   * The interval since the last frame has passed: sends what changed, unless the client has not caught up. Then the
   * changes keep coalescing and the client's acknowledgement sends them, so a slow browser gets fewer, fresher frames
   * instead of a growing backlog. Caught up means the socket's queue is not full and, for a client that acknowledges
   * frames, that it has applied the last one: the write queue alone lets the kernel's socket buffers hold seconds of
   * frames a busy browser has not read yet (measured with {@code ./campo bench live}). The timer is re-armed either way,
   * so a client that never acknowledges still has its token's expiry checked.
   */
  private void due() {
    timerId = -1;
    if (stopped || socket.isClosed()) {
      return;
    }
    if (clock.millis() >= expiresAtMillis) {
      socket.close((short) 4401, "token expired; log in again");
      return;
    }
    if (socket.writeQueueFull() || (acknowledges && lastAcked < lastSent)) {
      owed = true;
      arm(LiveFeedVerticle.FRAME_INTERVAL_MILLIS);
      return;
    }
    send();
  }

  private void send() {
    owed = false;
    LiveFrame frame = coalescer.flush();
    if (frame != null) {
      lastSent = frame.seq();
      lastSentNanos = System.nanoTime();
      lastWriteNanos = lastSentNanos;
      socket.writeTextMessage(LiveFrames.encode(frame, clock.millis()));
    } else if (System.nanoTime() - lastWriteNanos >= PING_AFTER_NANOS) {
      lastWriteNanos = System.nanoTime();
      socket.writePing(io.vertx.core.buffer.Buffer.buffer());
    }
    arm(LiveFeedVerticle.FRAME_INTERVAL_MILLIS);
  }

  private void arm(long delayMillis) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    timerId = vertx.setTimer(delayMillis, id -> due());
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
        // The interval has passed while the client was busy: the next frame goes now, and the next interval counts
        // from it.
        if (owed && !stopped && lastAcked >= lastSent && !socket.writeQueueFull()
            && System.nanoTime() - lastSentNanos >= INTERVAL_NANOS) {
          send();
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

  /** No more frames: the socket closed or the feed stops. */
  void stop() {
    stopped = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  void close() {
    stop();
    if (!socket.isClosed()) {
      socket.close();
    }
  }
}
