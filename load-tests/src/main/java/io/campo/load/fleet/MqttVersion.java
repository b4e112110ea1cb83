package io.campo.load.fleet;

/** The MQTT protocol versions Campo's devices speak. */
public enum MqttVersion {
  V5("5"),
  V3_1_1("3.1.1");

  private final String label;

  MqttVersion(String label) {
    this.label = label;
  }

  /** Reads "5" or "3" (also "3.1.1"), as typed on a command line. */
  public static MqttVersion parse(String text) {
    return switch (text.trim()) {
      case "5" -> V5;
      case "3", "3.1.1" -> V3_1_1;
      default -> throw new IllegalArgumentException("MQTT version must be 5 or 3 (3.1.1), got '" + text + "'");
    };
  }

  public String label() {
    return label;
  }
}
