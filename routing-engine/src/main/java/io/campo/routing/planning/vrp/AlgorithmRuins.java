package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.SearchStrategy;
import com.graphhopper.jsprit.core.algorithm.SearchStrategyModule;
import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.module.RuinAndRecreateModule;
import com.graphhopper.jsprit.core.algorithm.ruin.RuinStrategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The ruins of one kind in a jsprit algorithm built by {@code Jsprit.Builder}: its strategies share ruin objects (a regret
 * and a best-insertion strategy ruin with the same one), which the builder does not hand out otherwise.
 */
final class AlgorithmRuins {

    private AlgorithmRuins() {
    }

    /** Each ruin of the type once, in the order of the algorithm's strategies. */
    static <T extends RuinStrategy> List<T> of(VehicleRoutingAlgorithm algorithm, Class<T> type) {
        Set<RuinStrategy> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<T> ruins = new ArrayList<>();
        for (SearchStrategy strategy : algorithm.getSearchStrategyManager().getStrategies()) {
            for (SearchStrategyModule module : strategy.getSearchStrategyModules()) {
                if (module instanceof RuinAndRecreateModule ruinAndRecreate && type.isInstance(ruinAndRecreate.getRuin())
                        && seen.add(ruinAndRecreate.getRuin())) {
                    ruins.add(type.cast(ruinAndRecreate.getRuin()));
                }
            }
        }
        return ruins;
    }
}
