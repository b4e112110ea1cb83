package io.campo.server.watch;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** An alert in the words of the supervisor's e-mail (Spanish, times in the agency's zone). */
final class AlertText {

  private AlertText() {}

  static String spanish(DayAlerts.Alert alert, DateTimeFormatter clock) {
    var d = alert.detail();
    return switch (alert.kind()) {
      case LATE -> "llegará tarde a " + alert.subject() + ": llegada estimada " + clock.format(Instant.parse(d.getString("eta")))
          + ", la ventana cierra " + clock.format(Instant.parse(d.getString("windowEnd")));
      case OFF_ROUTE -> "fuera de ruta: a " + d.getLong("meters") + " m de la ruta planeada desde las "
          + clock.format(Instant.parse(d.getString("since")));
      case IDLE -> "sin moverse desde las " + clock.format(Instant.parse(d.getString("since"))) + " con visitas pendientes";
      case LOW_BATTERY -> "batería baja: " + d.getInteger("percent") + " %";
    };
  }
}
