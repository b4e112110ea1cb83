package io.campo.tracking.mqtt;

import java.util.Optional;

/**
 * A topic of the OwnTracks app in MQTT mode: {@code owntracks/{user}/{device}} for locations (and
 * its last will), {@code owntracks/{user}/{device}/{leaf}} for the rest ({@code event} for
 * transitions, {@code info} for cards, {@code waypoint(s)}, {@code cmd}, {@code status}...). In
 * Campo the user is the agent id the device authenticated with.
 *
 * @param leaf null for the device's base topic
 */
public record OwnTracksTopic(String agentId, String device, String leaf) {

  public static final String PREFIX = "owntracks/";

  public static boolean isOwnTracks(String topic) {
    return topic != null && topic.startsWith(PREFIX);
  }

  /** Empty when the topic is not {@code owntracks/{user}/{device}[/{leaf}]} with a valid agent id. */
  public static Optional<OwnTracksTopic> parse(String topic) {
    if (!isOwnTracks(topic)) {
      return Optional.empty();
    }
    String[] parts = topic.substring(PREFIX.length()).split("/", -1);
    if (parts.length < 2 || parts.length > 3 || !AgentTopic.AGENT_ID.matcher(parts[0]).matches() || parts[1].isEmpty()
        || (parts.length == 3 && parts[2].isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new OwnTracksTopic(parts[0], parts[1], parts.length == 3 ? parts[2] : null));
  }

  /**
   * True for any filter in the OwnTracks tree, the app's own and its "friends" filters
   * ({@code owntracks/+/+}, {@code owntracks/+/+/event}, {@code owntracks/+/+/info}) alike: Campo
   * relays nothing between devices and publishes nothing there, so such a subscription receives no
   * one's data. Refusing it instead would only show the person an error in the app.
   */
  public static boolean isHarmlessFilter(String filter) {
    return isOwnTracks(filter);
  }
}
