package io.campo.server.watch;

/** What an alert is about; {@link #code} is its name in the API, the live feed and {@code day_alert.kind}. */
enum AlertKind {
  LATE("late"),
  OFF_ROUTE("off_route"),
  IDLE("idle"),
  LOW_BATTERY("low_battery");

  final String code;

  AlertKind(String code) {
    this.code = code;
  }

  static AlertKind ofCode(String code) {
    for (AlertKind k : values()) {
      if (k.code.equals(code)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown alert kind '" + code + "'");
  }
}
