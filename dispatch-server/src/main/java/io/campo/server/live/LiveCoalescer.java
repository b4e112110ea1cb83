package io.campo.server.live;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What one live client has not seen yet: the newest position of each visible agent in its viewport that moved since the
 * last frame, and the events since then. A flush turns that into one {@link LiveFrame} and starts over, so however many
 * fixes an agent sends between two frames, the client receives only the newest — a slow client gets fewer, fresher
 * frames, never a backlog.
 *
 * <p>The first frame, and the first after a viewport change, is a snapshot of every visible agent in the viewport, read
 * from the latest positions (which already hold every fix published to the feed, so positions offered while a snapshot
 * is due can be ignored).
 *
 * <p>Memory is bounded: positions by the number of agents, events by {@code maxEvents} (the oldest are dropped and
 * counted; the next frame says how many, so the client can reload what it missed).
 *
 * <p>Not thread-safe: each client's coalescer is used on the live feed's one event loop.
 */
public final class LiveCoalescer {

  /** An agent is shown online when it was heard from within this long; the same window as {@code GET /api/agents}. */
  static final Duration ONLINE_WINDOW = Duration.ofMinutes(2);

  private final Predicate<String> visible;
  private final Supplier<? extends Collection<Fix>> latestPositions;
  private final Clock clock;
  private final int maxEvents;
  private final HashMap<String, Fix> moved = new HashMap<>();
  private final ArrayDeque<JsonObject> events = new ArrayDeque<>();
  private Bbox viewport = Bbox.WORLD;
  private boolean snapshotDue = true;
  private long droppedSinceFrame;
  private long droppedTotal;
  private long nextSeq = 1;

  /**
   * @param visible which agents this client may see (its team scope)
   * @param latestPositions every agent's newest position, read for snapshots
   * @param maxEvents events kept for the next frame; beyond that the oldest are dropped
   */
  public LiveCoalescer(Predicate<String> visible, Supplier<? extends Collection<Fix>> latestPositions, Clock clock, int maxEvents) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be at least 1");
    }
    this.visible = visible;
    this.latestPositions = latestPositions;
    this.clock = clock;
    this.maxEvents = maxEvents;
  }

  /** The client now looks at {@code bbox}: its next frame is a snapshot of that area. */
  public void viewport(Bbox bbox) {
    viewport = bbox;
    snapshotDue = true;
    moved.clear();
  }

  public void position(Fix fix) {
    if (snapshotDue || !viewport.contains(fix.lat(), fix.lon()) || !visible.test(fix.agentId())) {
      return;
    }
    moved.merge(fix.agentId(), fix, (kept, offered) -> offered.isNewerThan(kept) ? offered : kept);
  }

  /** Queues an event for the next frame, if it is about an agent this client may see (or about no agent). */
  public void event(JsonObject event) {
    for (String agentId : LiveEvents.agentsOf(event)) {
      if (!visible.test(agentId)) {
        return;
      }
    }
    if (events.size() == maxEvents) {
      events.removeFirst();
      droppedSinceFrame++;
      droppedTotal++;
    }
    events.addLast(event);
  }

  /** The frame to send now, or null when nothing changed since the last one (a snapshot is always sent). */
  public LiveFrame flush() {
    boolean snapshot = snapshotDue;
    List<LiveFrame.AgentState> agents;
    if (snapshot) {
      agents = snapshot();
      snapshotDue = false;
    } else {
      agents = new ArrayList<>(moved.size());
      for (Fix fix : moved.values()) {
        agents.add(new LiveFrame.AgentState(fix, true));
      }
    }
    moved.clear();
    if (!snapshot && agents.isEmpty() && events.isEmpty() && droppedSinceFrame == 0) {
      return null;
    }
    LiveFrame frame = new LiveFrame(nextSeq++, agents, List.copyOf(events), droppedSinceFrame);
    events.clear();
    droppedSinceFrame = 0;
    return frame;
  }

  /** Events dropped for this client since it connected, because it fell behind. */
  public long droppedEvents() {
    return droppedTotal;
  }

  private List<LiveFrame.AgentState> snapshot() {
    long now = clock.millis();
    List<LiveFrame.AgentState> agents = new ArrayList<>();
    for (Fix fix : latestPositions.get()) {
      if (viewport.contains(fix.lat(), fix.lon()) && visible.test(fix.agentId())) {
        agents.add(new LiveFrame.AgentState(fix, now - fix.receivedAtMillis() <= ONLINE_WINDOW.toMillis()));
      }
    }
    return agents;
  }
}
