package io.campo.routing.planning;

import io.campo.routing.api.TravelMatrix;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The travel matrix of one profile with the plan's places indexed: visits by visit id, and the
 * start and end of each agent of that profile by agent id.
 *
 * <p>Immutable and thread-safe.
 */
public record PlaceMatrix(TravelMatrix matrix, Map<String, Integer> visitIndex, Map<String, Integer> agentStartIndex,
                          Map<String, Integer> agentEndIndex) {
    public PlaceMatrix {
        Objects.requireNonNull(matrix, "matrix");
        visitIndex = Map.copyOf(visitIndex);
        agentStartIndex = Map.copyOf(agentStartIndex);
        agentEndIndex = Map.copyOf(agentEndIndex);
    }

    OptionalInt visit(String visitId) {
        Integer index = visitIndex.get(visitId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    OptionalInt agentStart(String agentId) {
        Integer index = agentStartIndex.get(agentId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    OptionalInt agentEnd(String agentId) {
        Integer index = agentEndIndex.get(agentId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }
}
