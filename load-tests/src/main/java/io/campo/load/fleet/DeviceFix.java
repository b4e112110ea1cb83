package io.campo.load.fleet;

/**
 * One fix as a phone sends it, field for field the telemetry contract (docs/mqtt.md).
 *
 * @param ts device time, epoch milliseconds UTC
 * @param acc horizontal accuracy, metres
 * @param spd speed, metres per second
 * @param hdg heading, degrees clockwise from north
 * @param bat battery, percent
 * @param chg whether the phone is charging
 * @param seq the device's own counter, increasing by one per fix
 */
public record DeviceFix(long ts, double lat, double lon, double acc, double spd, double hdg, int bat, boolean chg, long seq) {}
