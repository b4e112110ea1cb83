package io.campo.tracking.telemetry;

/**
 * Why a telemetry payload, or one fix inside it, was not stored. The {@link #code()} is stable:
 * devices read it in error reports and metrics use it as a tag.
 */
public enum RejectionReason {
  INVALID_JSON,
  PAYLOAD_TOO_LARGE,
  TOO_MANY_FIXES,
  EMPTY_PAYLOAD,
  NOT_AN_OBJECT,
  MISSING_FIELD,
  WRONG_TYPE,
  NOT_A_NUMBER,
  LAT_OUT_OF_RANGE,
  LON_OUT_OF_RANGE,
  TS_INVALID,
  TS_IN_FUTURE,
  TS_TOO_OLD,
  BATTERY_OUT_OF_RANGE,
  ACCURACY_OUT_OF_RANGE,
  SPEED_OUT_OF_RANGE,
  HEADING_OUT_OF_RANGE,
  /** Topic is not {@code campo/agents/{id}/telemetry}. */
  UNKNOWN_TOPIC,
  /** Topic names another agent than the one that authenticated. */
  NOT_YOUR_TOPIC,
  /** A tracking app's message Campo cannot read (OwnTracks' end-to-end {@code encrypted} payload). */
  UNSUPPORTED_PAYLOAD;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
