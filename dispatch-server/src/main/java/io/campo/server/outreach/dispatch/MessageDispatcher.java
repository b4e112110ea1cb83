package io.campo.server.outreach.dispatch;

import io.campo.server.outreach.channel.Channel;
import io.campo.server.outreach.channel.ChannelSender;
import io.campo.server.outreach.channel.SendOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the {@link SendQueue}: every node runs one, each claims its own rows, so a campaign goes out once across the
 * cluster however many nodes there are. A pass claims a batch, sends it with at most {@code concurrency} requests in
 * flight, records the answers in one transaction, and goes on while batches come back full; {@code workers} passes run
 * side by side so that the database work of one overlaps the provider calls of another. Woken by {@link #WAKE_ADDRESS}
 * (a new campaign) and by a timer (held messages whose window opened).
 */
public final class MessageDispatcher implements AutoCloseable {

  public static final String WAKE_ADDRESS = "campo.outreach.wake";
  static final long TICK_MILLIS = 1_000;
  private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

  /** How much at once: rows per claim, provider requests in flight per pass, passes side by side. */
  public record Pace(int batch, int concurrency, int workers) {
    public static final Pace DEFAULT = new Pace(1000, 64, 4);
  }

  private final Vertx vertx;
  private final SendQueue queue;
  private final Map<Channel, ChannelSender> senders;
  private final Clock clock;
  private final Pace pace;
  private final AtomicInteger running = new AtomicInteger();
  private long timer = -1;
  private volatile boolean closed;

  public MessageDispatcher(Vertx vertx, SendQueue queue, Map<Channel, ChannelSender> senders, Clock clock, Pace pace) {
    this.vertx = vertx;
    this.queue = queue;
    this.senders = Map.copyOf(senders);
    this.clock = clock;
    this.pace = pace;
  }

  /** Starts the timer and listens for wake-ups. */
  public MessageDispatcher start() {
    timer = vertx.setPeriodic(TICK_MILLIS, id -> wake());
    vertx.eventBus().consumer(WAKE_ADDRESS, m -> wake());
    return this;
  }

  /** Starts the passes that are not running yet. */
  public void wake() {
    while (!closed) {
      int now = running.get();
      if (now >= pace.workers()) {
        return;
      }
      if (running.compareAndSet(now, now + 1)) {
        drain().onComplete(done -> {
          running.decrementAndGet();
          if (done.failed()) {
            log.warn("sending queued messages failed: {}", done.cause().toString());
          }
        });
      }
    }
  }

  /** Sends everything due now; completes with how many messages went to a provider. For tests and the bench too. */
  public Future<Integer> drain() {
    return vertx.executeBlocking(() -> queue.failInterrupted(clock.instant()), false).compose(x -> drainFrom(0));
  }

  private Future<Integer> drainFrom(int sentSoFar) {
    if (closed) {
      return Future.succeededFuture(sentSoFar);
    }
    return vertx.executeBlocking(() -> queue.next(pace.batch(), clock.instant()), false).compose(ready -> {
      if (ready.isEmpty()) {
        return Future.succeededFuture(sentSoFar);
      }
      return sendAll(ready)
          .compose(results -> vertx.executeBlocking(() -> {
            queue.record(results, clock.instant());
            return results.size();
          }, false))
          .compose(n -> drainFrom(sentSoFar + n));
    });
  }

  /** Sends with at most {@code concurrency} requests in flight; every message gets an outcome. */
  private Future<List<SendQueue.Sent>> sendAll(List<SendQueue.Ready> ready) {
    Promise<List<SendQueue.Sent>> all = Promise.promise();
    SendQueue.Sent[] results = new SendQueue.Sent[ready.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Runnable[] startNext = new Runnable[1];
    startNext[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= ready.size()) {
        return;
      }
      SendQueue.Ready r = ready.get(i);
      ChannelSender sender = senders.get(r.message().channel());
      Future<SendOutcome> sent = sender == null
          ? Future.succeededFuture(new SendOutcome.Refused(r.message().channel().id() + " has no provider configured"))
          : sender.send(r.message());
      sent.otherwise(t -> new SendOutcome.Refused("not sent: " + t)).onComplete(outcome -> {
        results[i] = new SendQueue.Sent(r, outcome.result());
        if (done.incrementAndGet() == ready.size()) {
          all.complete(List.of(results));
        } else {
          startNext[0].run();
        }
      });
    };
    int first = Math.min(pace.concurrency(), ready.size());
    for (int k = 0; k < first; k++) {
      startNext[0].run();
    }
    return all.future().map(ArrayList::new);
  }

  @Override
  public void close() {
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
