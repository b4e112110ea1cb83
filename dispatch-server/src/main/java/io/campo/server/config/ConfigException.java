package io.campo.server.config;

/** A configuration value the server cannot start with; the message names the key. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
