package io.campo.routing.api;

import java.util.List;

/**
 * A planning request that cannot be planned at all, with every problem found, each naming the
 * item at fault ("agent 4: shift ends at 08:00Z, before it starts at 17:00Z"). Problems with a
 * single visit never raise this: the visit is reported unassigned with its reason instead.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvalidPlanRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidPlanRequestException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One message per problem, in request order. */
    public List<String> problems() {
        return problems;
    }
}
