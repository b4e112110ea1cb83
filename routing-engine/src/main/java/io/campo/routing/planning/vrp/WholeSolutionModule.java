package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.SearchStrategyModule;
import com.graphhopper.jsprit.core.algorithm.listener.SearchStrategyModuleListener;

/**
 * A jsprit search module of ours that edits or replaces the candidate solution whole ({@link NewBestPolish},
 * {@link AdoptBetterBest}, {@link RouteSplit}): jsprit's module listeners hear of ruins and insertions, so there is
 * nothing to tell them.
 */
abstract class WholeSolutionModule implements SearchStrategyModule {

    private final String name;

    WholeSolutionModule(String name) {
        this.name = name;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final void addModuleListener(SearchStrategyModuleListener moduleListener) {
        // nothing to tell: no ruin and no insertion happens here
    }
}
