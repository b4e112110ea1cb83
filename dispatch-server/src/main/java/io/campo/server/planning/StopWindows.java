package io.campo.server.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.Visit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The windows a planned stop was planned in, as the plan result carries them: the visit's own windows (listed, or
 * learned from the debtor's contact history) merged where they overlap — service may start in any of them, as the
 * solver sees it — keeping those that overlap the serving agent's shift, each ending no later than the shift. Stored
 * with each stop so that whoever reads the plan later (the day's watch and its {@code late} alert, the agent's day, a
 * re-plan) knows them without the request, which for a plan drawn from the portfolio never listed them.
 *
 * <p>A stop whose visit had no window gets none: it may be served at any time of the shift and is never late.
 *
 * <p>Plain Java; stateless.
 */
final class StopWindows {

  private StopWindows() {}

  /** The windows of {@code visit} served by {@code agent}, in time order. */
  static List<TimeWindow> of(Visit visit, Agent agent) {
    List<TimeWindow> sorted = new ArrayList<>(visit.windows());
    sorted.sort(Comparator.comparing(TimeWindow::start));
    List<TimeWindow> merged = new ArrayList<>();
    for (TimeWindow w : sorted) {
      if (w.endsBeforeItStarts() || !w.end().isAfter(agent.shiftStart()) || !w.start().isBefore(agent.shiftEnd())) {
        continue;
      }
      Instant end = w.end().isAfter(agent.shiftEnd()) ? agent.shiftEnd() : w.end();
      TimeWindow last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !w.start().isAfter(last.end())) {
        merged.set(merged.size() - 1, new TimeWindow(last.start(), end.isAfter(last.end()) ? end : last.end()));
      } else {
        merged.add(new TimeWindow(w.start(), end));
      }
    }
    return List.copyOf(merged);
  }

  /** The window the plan chose: the one holding the planned service start, or null when there is none. */
  static TimeWindow chosen(List<TimeWindow> windows, Instant serviceStart) {
    return windows.stream().filter(w -> w.allowsStartAt(serviceStart)).findFirst().orElse(null);
  }

  static JsonArray json(List<TimeWindow> windows) {
    JsonArray out = new JsonArray();
    windows.forEach(w -> out.add(json(w)));
    return out;
  }

  static JsonObject json(TimeWindow w) {
    return new JsonObject().put("start", w.start().toString()).put("end", w.end().toString());
  }
}
