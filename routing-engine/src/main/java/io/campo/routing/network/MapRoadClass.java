package io.campo.routing.network;

import com.graphhopper.routing.ev.RoadClass;
import java.util.Locale;

/**
 * The few road classes a basemap draws, coarser than OSM's {@code highway} values: what a
 * dispatcher needs to read the city, from the motorways down to the footways.
 */
public enum MapRoadClass {
    MOTORWAY, PRIMARY, SECONDARY, TERTIARY, RESIDENTIAL, OTHER;

    /** The name in the map's GeoJSON ({@code motorway} … {@code other}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MapRoadClass of(RoadClass roadClass) {
        return switch (roadClass) {
            case MOTORWAY, TRUNK -> MOTORWAY;
            case PRIMARY -> PRIMARY;
            case SECONDARY -> SECONDARY;
            case TERTIARY -> TERTIARY;
            case RESIDENTIAL, LIVING_STREET, UNCLASSIFIED, ROAD -> RESIDENTIAL;
            default -> OTHER;
        };
    }
}
