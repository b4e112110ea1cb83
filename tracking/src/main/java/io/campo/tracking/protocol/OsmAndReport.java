package io.campo.tracking.protocol;

/**
 * One request of the OsmAnd protocol (Traccar Client): who sent it and what it holds.
 *
 * @param deviceId the device identifier as sent ({@code id}, {@code deviceid} or {@code device_id});
 *     in Campo it is the agent's device token. Null when the request named none.
 */
public record OsmAndReport(String deviceId, PhoneMessage message) {}
