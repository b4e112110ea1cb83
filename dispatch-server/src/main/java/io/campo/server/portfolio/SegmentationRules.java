package io.campo.server.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers {@link Segmentation} works with, from a JSON file (every member optional; absent
 * ones keep the default):
 *
 * <pre>{@code
 * {"recoveryRate": {"current": 0.05, "1-30": 0.6, "31-60": 0.45, "61-90": 0.3, "90+": 0.15},
 *  "amountBands": [{"name": "small", "below": 5000}, {"name": "medium", "below": 20000},
 *                  {"name": "large", "below": 100000}, {"name": "very large"}],
 *  "promises": {"keptBonus": 0.1, "brokenPenalty": 0.15, "minFactor": 0.4, "maxFactor": 1.5},
 *  "priorities": [{"name": "high", "minValue": 5000}, {"name": "medium", "minValue": 1000},
 *                 {"name": "low", "minValue": 0}]}
 * }</pre>
 *
 * Recovery rates are the share of the balance a visit is expected to bring in, per aging bucket:
 * the defaults follow the usual collection curve (a debt just past due is the most recoverable,
 * after 90 days little is). Amounts are in the debt's currency. Immutable and thread-safe.
 *
 * @param amountBands ordered by {@code below}; the last has no upper bound ({@code below} null)
 * @param priorities ordered by {@code minValue}, highest first; the last has {@code minValue} 0
 */
public record SegmentationRules(
    Map<AgingBucket, Double> recoveryRate,
    List<AmountBand> amountBands,
    double keptPromiseBonus,
    double brokenPromisePenalty,
    double minPromiseFactor,
    double maxPromiseFactor,
    List<PriorityLevel> priorities) {

  /** Balances below {@code below} (exclusive) are in this band; null: no upper bound. */
  public record AmountBand(String name, BigDecimal below) {}

  /** A visit worth at least {@code minValue} has this priority. */
  public record PriorityLevel(String name, long minValue) {}

  public static final SegmentationRules DEFAULT = new SegmentationRules(
      Map.of(AgingBucket.CURRENT, 0.05, AgingBucket.DAYS_1_30, 0.6, AgingBucket.DAYS_31_60, 0.45,
          AgingBucket.DAYS_61_90, 0.3, AgingBucket.DAYS_90_PLUS, 0.15),
      List.of(new AmountBand("small", new BigDecimal(5_000)), new AmountBand("medium", new BigDecimal(20_000)),
          new AmountBand("large", new BigDecimal(100_000)), new AmountBand("very large", null)),
      0.1, 0.15, 0.4, 1.5,
      List.of(new PriorityLevel("high", 5_000), new PriorityLevel("medium", 1_000), new PriorityLevel("low", 0)));

  public SegmentationRules {
    recoveryRate = Map.copyOf(new EnumMap<>(recoveryRate));
    for (AgingBucket b : AgingBucket.values()) {
      Double rate = recoveryRate.get(b);
      if (rate == null || rate < 0 || rate > 1) {
        throw new IllegalArgumentException("recoveryRate for '" + b.label() + "' must be between 0 and 1, got " + rate);
      }
    }
    amountBands = List.copyOf(amountBands);
    if (amountBands.isEmpty() || amountBands.get(amountBands.size() - 1).below() != null) {
      throw new IllegalArgumentException("amountBands must end with a band without 'below' (no upper bound)");
    }
    for (int i = 1; i < amountBands.size() - 1; i++) {
      if (amountBands.get(i).below().compareTo(amountBands.get(i - 1).below()) <= 0) {
        throw new IllegalArgumentException("amountBands must be in increasing order of 'below'");
      }
    }
    if (minPromiseFactor < 0 || maxPromiseFactor < minPromiseFactor) {
      throw new IllegalArgumentException("promises: need 0 <= minFactor <= maxFactor");
    }
    priorities = priorities.stream().sorted(Comparator.comparingLong(PriorityLevel::minValue).reversed()).toList();
    if (priorities.isEmpty() || priorities.get(priorities.size() - 1).minValue() != 0) {
      throw new IllegalArgumentException("priorities must include one with minValue 0");
    }
  }

  /** The rules in {@code file}, or {@link #DEFAULT} when {@code file} is null. */
  public static SegmentationRules load(Path file) {
    if (file == null) {
      return DEFAULT;
    }
    try {
      return from(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("segmentation rules " + file + ": " + e.getMessage(), e);
    }
  }

  static SegmentationRules from(JsonNode json) {
    Map<AgingBucket, Double> rates = new EnumMap<>(DEFAULT.recoveryRate);
    json.path("recoveryRate").fields().forEachRemaining(e -> rates.put(AgingBucket.ofLabel(e.getKey()), e.getValue().asDouble()));
    List<AmountBand> bands = DEFAULT.amountBands;
    if (json.has("amountBands")) {
      bands = new ArrayList<>();
      for (JsonNode b : json.get("amountBands")) {
        bands.add(new AmountBand(b.path("name").asText(), b.hasNonNull("below") ? b.get("below").decimalValue() : null));
      }
    }
    List<PriorityLevel> levels = DEFAULT.priorities;
    if (json.has("priorities")) {
      levels = new ArrayList<>();
      for (JsonNode p : json.get("priorities")) {
        levels.add(new PriorityLevel(p.path("name").asText(), p.path("minValue").asLong()));
      }
    }
    JsonNode promises = json.path("promises");
    return new SegmentationRules(rates, bands,
        promises.path("keptBonus").asDouble(DEFAULT.keptPromiseBonus),
        promises.path("brokenPenalty").asDouble(DEFAULT.brokenPromisePenalty),
        promises.path("minFactor").asDouble(DEFAULT.minPromiseFactor),
        promises.path("maxFactor").asDouble(DEFAULT.maxPromiseFactor), levels);
  }
}
