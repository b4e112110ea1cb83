package io.campo.routing.api;

/**
 * The road network could not be built or loaded: the OSM file is missing, empty, malformed or
 * holds no roads, or the graph cache is unusable. The message says which file and what to do.
 */
public final class RoadNetworkException extends RuntimeException {
    public RoadNetworkException(String message) {
        super(message);
    }

    public RoadNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
