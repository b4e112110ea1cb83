package io.campo.routing.api;

/**
 * A request named a travel profile that does not exist, or that this road network was not
 * built with. The message names the profiles that are available.
 */
public final class UnknownProfileException extends IllegalArgumentException {
    public UnknownProfileException(String message) {
        super(message);
    }
}
