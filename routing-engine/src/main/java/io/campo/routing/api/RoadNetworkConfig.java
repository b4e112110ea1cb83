package io.campo.routing.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to build a road network ({@link RoutingEngine}): which OSM extract, where to cache the built graph, and
 * which travel profiles to prepare. Built once at {@code main} and passed in.
 *
 * <p>Immutable and thread-safe.
 *
 * @param osmFile            an OSM extract: {@code .osm}, {@code .osm.gz} or {@code .osm.pbf}
 * @param cacheDirectory     where built graphs are kept, one sub-folder per input and profile set;
 *                           safe to delete at any time (the next start rebuilds)
 * @param profiles           the profiles to prepare; each costs import time and memory
 * @param minNetworkSize     road islands with fewer nodes than this are never snapped to, so that
 *                           a visit is not placed on a disconnected parking lot (GraphHopper's default is 200)
 */
public record RoadNetworkConfig(Path osmFile, Path cacheDirectory, Set<TravelProfile> profiles, int minNetworkSize) {

    public static final int DEFAULT_MIN_NETWORK_SIZE = 200;

    public RoadNetworkConfig {
        Objects.requireNonNull(osmFile, "osmFile");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        Objects.requireNonNull(profiles, "profiles");
        if (profiles.isEmpty())
            throw new IllegalArgumentException("at least one travel profile is needed; use some of " + TravelProfile.knownNames());
        if (minNetworkSize < 0)
            throw new IllegalArgumentException("minNetworkSize must be >= 0, was " + minNetworkSize);
        profiles = Collections.unmodifiableSet(EnumSet.copyOf(profiles));
    }

    /** All three profiles with GraphHopper's default island size. */
    public static RoadNetworkConfig allProfiles(Path osmFile, Path cacheDirectory) {
        return new RoadNetworkConfig(osmFile, cacheDirectory, EnumSet.allOf(TravelProfile.class), DEFAULT_MIN_NETWORK_SIZE);
    }

    public RoadNetworkConfig withProfiles(Set<TravelProfile> newProfiles) {
        return new RoadNetworkConfig(osmFile, cacheDirectory, newProfiles, minNetworkSize);
    }
}
