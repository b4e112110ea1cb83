package io.campo.server.agentday;

/** The colour a stop of the day's route is drawn in, from the visit recorded there (if any). */
public final class StopStatus {

  private StopStatus() {}

  /** @param visit the latest visit the agent recorded at the stop's debtor that day, or null */
  public static String of(DayVisits.RecordedVisit visit) {
    if (visit == null) {
      return "pending";
    }
    // A visit the checks rejected proves nothing happened at the door, whatever outcome the phone reported.
    if (visit.status().equals("REJECTED")) {
      return "rejected";
    }
    return switch (visit.outcome()) {
      case "PAID" -> "paid";
      case "PROMISE" -> "promise";
      case "NO_CONTACT" -> "no_contact";
      default -> "other";
    };
  }
}
