package io.campo.server.outreach.webhook;

import io.campo.server.outreach.channel.Channel;
import java.time.Instant;

/** Something a provider told Campo through its webhook. */
public sealed interface ProviderEvent permits ProviderEvent.Reply, ProviderEvent.StatusChange {

  /** The provider's statuses Campo keeps; a provider's others (queued, sending) say nothing new. */
  enum Status { SENT, DELIVERED, READ, FAILED }

  /**
   * A debtor wrote.
   *
   * @param from the sender's number as the provider gives it (WhatsApp: digits without the plus)
   */
  record Reply(Channel channel, String providerMessageId, String from, String text, Instant sentAt) implements ProviderEvent {}

  /** The fate of a message Campo sent, under the id the provider gave it. */
  record StatusChange(Channel channel, String providerMessageId, Status status, Instant at, String error)
      implements ProviderEvent {}
}
