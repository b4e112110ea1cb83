package io.campo.load.fleet;

import java.util.OptionalInt;

/**
 * What the broker granted at CONNECT.
 *
 * @param sessionPresent the broker resumed an earlier session
 * @param receiveMaximum MQTT 5 only: how many QoS 1 publishes the client may have unacknowledged
 *     at once; the client queues the rest, which caps what one connection can push
 */
public record ConnectionTerms(boolean sessionPresent, OptionalInt receiveMaximum) {}
