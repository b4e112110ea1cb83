package io.campo.server.pin;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code POST /api/me/address-corrections} bodies into a {@link PinProposal}, or says everything that is wrong
 * with one. A pin moved on a coarse fix would be worse than the pin it replaces, so a position less precise than
 * {@link #MAX_ACCURACY_METERS} is refused with what to do instead. Plain and stateless.
 */
final class PinProposalReader {

  static final String EXAMPLE = "{\"debtor\": \"CR-1\", \"addressId\": 17, \"lat\": 19.4326, \"lon\": -99.1332,"
      + " \"accuracyMeters\": 8, \"note\": \"la casa azul, dos calles al norte\"}";
  /** Worse than this and the correction could land on the wrong house or street. */
  static final double MAX_ACCURACY_METERS = 50;
  static final int MAX_NOTE_CHARS = 500;
  static final int MAX_DEBTOR_CHARS = 128;

  private PinProposalReader() {}

  /** The proposal, or the reasons (joined with "; ") it is refused. */
  static Result read(JsonObject body) {
    List<String> errors = new ArrayList<>();
    String debtor = body.getValue("debtor") instanceof String s && !s.isBlank() && s.length() <= MAX_DEBTOR_CHARS ? s : null;
    if (debtor == null) {
      errors.add("'debtor' must be the debtor's id (1 to " + MAX_DEBTOR_CHARS + " characters)");
    }
    Long addressId = body.getValue("addressId") instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && n.longValue() > 0 ? n.longValue() : null;
    if (addressId == null) {
      errors.add("'addressId' must be the id of the debtor's address (a positive whole number, as in GET /api/me/day)");
    }
    Double lat = degrees(body, "lat", 90, errors);
    Double lon = degrees(body, "lon", 180, errors);
    if (lat != null && lon != null && lat == 0 && lon == 0) {
      // 0,0 is what a phone without a fix reports, in the Gulf of Guinea: never an address of ours.
      errors.add("'lat'/'lon' 0,0 is no position (the phone has no GPS fix); wait for a fix and try again");
    }
    Object acc = body.getValue("accuracyMeters");
    Double accuracy = null;
    if (!(acc instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() <= 0) {
      errors.add("'accuracyMeters' must be the phone's horizontal accuracy in metres (a number above 0)");
    } else if (n.doubleValue() > MAX_ACCURACY_METERS) {
      errors.add("the position is accurate to " + Math.round(n.doubleValue()) + " m only; a pin is moved on a fix of "
          + Math.round(MAX_ACCURACY_METERS) + " m or better: step outside, wait for a better GPS fix and try again");
    } else {
      accuracy = n.doubleValue();
    }
    Object noteValue = body.getValue("note");
    String note = null;
    if (noteValue != null && !(noteValue instanceof String)) {
      errors.add("'note' must be text or absent");
    } else if (noteValue != null && ((String) noteValue).length() > MAX_NOTE_CHARS) {
      errors.add("'note' is longer than " + MAX_NOTE_CHARS + " characters");
    } else if (noteValue != null && !((String) noteValue).isBlank()) {
      note = ((String) noteValue).strip();
    }
    if (!errors.isEmpty()) {
      return new Result(Optional.empty(), String.join("; ", errors));
    }
    return new Result(Optional.of(new PinProposal(debtor, addressId, lat, lon, accuracy, note)), null);
  }

  private static Double degrees(JsonObject body, String name, double limit, List<String> errors) {
    Object v = body.getValue(name);
    if (v instanceof Number n && Double.isFinite(n.doubleValue()) && Math.abs(n.doubleValue()) <= limit) {
      return n.doubleValue();
    }
    errors.add("'" + name + "' must be a number of degrees between -" + (int) limit + " and " + (int) limit
        + (v == null ? "" : ", got " + abbreviated(String.valueOf(v))));
    return null;
  }

  private static String abbreviated(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** A proposal, or why there is none. */
  record Result(Optional<PinProposal> proposal, String problem) {}
}
