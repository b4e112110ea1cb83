package io.campo.server.live;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The live map feed of this node: listens to positions and events on the event bus, keeps one {@link LiveCoalescer} per
 * connected socket, and sends each socket what changed at most every {@value #FRAME_INTERVAL_MILLIS} ms, on the
 * socket's own timer ({@link LiveClient}). Clients and their coalescers are touched only on this verticle's event loop.
 */
public final class LiveFeedVerticle extends VerticleBase {

  /** At most one frame per client this often: a map cannot show more, and it bounds the encoding work. */
  static final long FRAME_INTERVAL_MILLIS = 250;
  /** Events kept per client between frames; a client stalled long enough to exceed this loses the oldest. */
  static final int MAX_EVENTS_PER_CLIENT = 1000;

  private final Supplier<? extends Collection<Fix>> latestPositions;
  private final Function<JsonObject, Predicate<String>> visibility;
  private final Clock clock;
  private final Set<LiveClient> clients = new LinkedHashSet<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private boolean stopped;

  /**
   * @param visibility for a JWT principal, which agents that user may see
   */
  public LiveFeedVerticle(Supplier<? extends Collection<Fix>> latestPositions, Function<JsonObject, Predicate<String>> visibility,
      Clock clock) {
    this.latestPositions = latestPositions;
    this.visibility = visibility;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    // Not a local consumer: in a cluster the fixes committed on every node reach this node's clients.
    consumers.add(vertx.eventBus().<PositionBatch>consumer(LiveEvents.POSITIONS, m -> {
      for (LiveClient client : clients) {
        for (Fix fix : m.body().fixes()) {
          client.coalescer().position(fix);
        }
      }
    }));
    for (String address : List.of(LiveEvents.VISITS, LiveEvents.PLANS, LiveEvents.MESSAGES, LiveEvents.AGENTS,
        LiveEvents.WATCH)) {
      consumers.add(vertx.eventBus().<JsonObject>consumer(address, m -> {
        if (m.body() != null) {
          clients.forEach(c -> c.coalescer().event(m.body()));
        }
      }));
    }
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    clients.forEach(LiveClient::close);
    clients.clear();
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  /**
   * Takes over an upgraded, paused socket of a user already authenticated and admitted, and resumes it. The token was
   * checked once, by its auth message, so the socket is closed when it expires ({@code expiresAtMillis}). Callable from any thread.
   */
  public void attach(ServerWebSocket socket, JsonObject principal, long expiresAtMillis) {
    Predicate<String> visible = visibility.apply(principal);
    context.runOnContext(v -> {
      if (stopped) {
        socket.close();
        return;
      }
      LiveClient client = new LiveClient(socket,
          new LiveCoalescer(visible, latestPositions, clock, MAX_EVENTS_PER_CLIENT), clock, vertx, expiresAtMillis);
      clients.add(client);
      client.start();
      socket.textMessageHandler(text -> context.runOnContext(x -> client.received(text)));
      socket.binaryMessageHandler(b -> context.runOnContext(x -> client.sendError("send text messages, not binary")));
      socket.closeHandler(x -> context.runOnContext(y -> {
        clients.remove(client);
        client.stop();
      }));
      if (socket.isClosed()) {
        clients.remove(client);
        client.stop();
      }
      // Paused since its auth message: what the client sent meanwhile (its viewport) now reaches these handlers.
      socket.resume();
    });
  }

  /** Live sockets connected to this node. */
  public int clients() {
    return clients.size();
  }
}
