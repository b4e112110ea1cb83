package io.campo.routing.api;

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
}
