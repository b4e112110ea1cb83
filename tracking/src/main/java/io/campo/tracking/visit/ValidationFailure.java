package io.campo.tracking.visit;

/**
 * One reason a visit was not proven, with the measured value behind it.
 *
 * @param measured the number the rule compared (metres, seconds, m/s or a count, as {@code message} says)
 */
public record ValidationFailure(FailureReason reason, String message, double measured) {}
