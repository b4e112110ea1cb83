package io.campo.server.pin;

/**
 * Where an agent at the door says an address really is.
 *
 * @param debtor the debtor's external id
 * @param addressId the address whose pin is wrong
 * @param lat WGS84 degrees
 * @param lon WGS84 degrees
 * @param accuracyMeters the phone's reported horizontal accuracy of that position
 * @param note what the agent saw (null: none)
 */
public record PinProposal(String debtor, long addressId, double lat, double lon, double accuracyMeters, String note) {}
