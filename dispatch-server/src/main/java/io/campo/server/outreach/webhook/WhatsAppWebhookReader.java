package io.campo.server.outreach.webhook;

import io.campo.server.outreach.channel.Channel;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the WhatsApp Cloud API's webhook notifications ({@code entry[].changes[].value.messages[]} and
 * {@code .statuses[]}) into {@link ProviderEvent}s. Parts Campo does not use (other fields, reactions' details) are
 * skipped, not refused: Meta adds fields, and a refused notification is retried for days. Stateless, thread-safe.
 */
public final class WhatsAppWebhookReader {

  /** The body is not a notification at all (not JSON, no entries). */
  public static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  public List<ProviderEvent> read(String body) throws Unreadable {
    JsonObject root;
    try {
      root = new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new Unreadable("the body is not a JSON object");
    }
    JsonArray entries = array(root, "entry");
    if (entries == null) {
      throw new Unreadable("no 'entry' array: not a WhatsApp Business notification");
    }
    List<ProviderEvent> events = new ArrayList<>();
    for (Object entry : entries) {
      JsonArray changes = entry instanceof JsonObject e ? array(e, "changes") : null;
      if (changes == null) {
        continue;
      }
      for (Object change : changes) {
        if (change instanceof JsonObject c && c.getValue("value") instanceof JsonObject value) {
          messages(value, events);
          statuses(value, events);
        }
      }
    }
    return events;
  }

  private static void messages(JsonObject value, List<ProviderEvent> events) {
    JsonArray messages = array(value, "messages");
    if (messages == null) {
      return;
    }
    for (Object o : messages) {
      if (!(o instanceof JsonObject m) || !(m.getValue("id") instanceof String id) || !(m.getValue("from") instanceof String from)) {
        continue;
      }
      String text = null;
      if (m.getValue("text") instanceof JsonObject t && t.getValue("body") instanceof String b) {
        text = b;
      } else if (m.getValue("button") instanceof JsonObject button && button.getValue("text") instanceof String b) {
        // A quick-reply button ("Darme de baja") arrives as a button message.
        text = b;
      }
      events.add(new ProviderEvent.Reply(Channel.WHATSAPP, id, from, text, timestamp(m)));
    }
  }

  private static void statuses(JsonObject value, List<ProviderEvent> events) {
    JsonArray statuses = array(value, "statuses");
    if (statuses == null) {
      return;
    }
    for (Object o : statuses) {
      if (!(o instanceof JsonObject s) || !(s.getValue("id") instanceof String id) || !(s.getValue("status") instanceof String st)) {
        continue;
      }
      ProviderEvent.Status status;
      switch (st.toLowerCase(Locale.ROOT)) {
        case "sent" -> status = ProviderEvent.Status.SENT;
        case "delivered" -> status = ProviderEvent.Status.DELIVERED;
        case "read" -> status = ProviderEvent.Status.READ;
        case "failed" -> status = ProviderEvent.Status.FAILED;
        default -> {
          continue;
        }
      }
      String error = null;
      JsonArray errors = array(s, "errors");
      if (errors != null && !errors.isEmpty() && errors.getValue(0) instanceof JsonObject e) {
        error = e.getValue("title") + " (code " + e.getValue("code") + ")";
      }
      events.add(new ProviderEvent.StatusChange(Channel.WHATSAPP, id, status, timestamp(s), error));
    }
  }

  /** Epoch seconds as a string; a missing or odd one is "now" rather than a reason to drop the event. */
  private static Instant timestamp(JsonObject o) {
    Object t = o.getValue("timestamp");
    try {
      long seconds = t instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(t));
      if (seconds > 0 && seconds < 32_503_680_000L) {
        return Instant.ofEpochSecond(seconds);
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    return Instant.now();
  }

  private static JsonArray array(JsonObject o, String name) {
    return o.getValue(name) instanceof JsonArray a ? a : null;
  }
}
