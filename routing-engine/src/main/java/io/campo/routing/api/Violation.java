package io.campo.routing.api;

import java.util.Objects;

/**
 * One way a plan breaks the rules, found by the independent route checker that
 * {@link RoutingEngine#plan} runs on every plan.
 *
 * <p>Immutable and thread-safe.
 *
 * @param subject what is wrong, as a person would name it: {@code "agent 4"}, {@code "visit 17"}
 * @param message what rule it breaks, with the numbers: "visit 17: service starts 10:42:10Z, after its last window closes at 10:30:00Z"
 */
public record Violation(String subject, String message) {
    public Violation {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
