package io.campo.server.outreach.channel;

/** What a provider answered about one message. */
public sealed interface SendOutcome permits SendOutcome.Accepted, SendOutcome.Refused {

  /** Taken by the provider, which will report its fate under {@code providerMessageId}. */
  record Accepted(String providerMessageId) implements SendOutcome {}

  /** Not sent, with the provider's reason (or ours: a timeout, an unreachable provider). */
  record Refused(String reason) implements SendOutcome {}
}
