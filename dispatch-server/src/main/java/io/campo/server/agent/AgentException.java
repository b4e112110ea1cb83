package io.campo.server.agent;

/** A request about agents that cannot be carried out as asked; the message says why. */
public final class AgentException extends RuntimeException {

  /** Whether the request was malformed or clashes with what exists. */
  public enum Kind { INVALID, ALREADY_EXISTS }

  private final Kind kind;

  public AgentException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
