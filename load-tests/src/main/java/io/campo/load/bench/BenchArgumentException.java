package io.campo.load.bench;

/** What was typed on the command line cannot be run; the message says what to type instead. */
public final class BenchArgumentException extends RuntimeException {

  public BenchArgumentException(String message) {
    super(message);
  }
}
