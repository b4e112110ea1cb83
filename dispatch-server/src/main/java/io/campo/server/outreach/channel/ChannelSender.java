package io.campo.server.outreach.channel;

import io.vertx.core.Future;

/**
 * Sends one message through one provider. The future never fails: whatever goes wrong becomes
 * {@link SendOutcome.Refused} with a reason a person can act on, recorded on the message.
 */
public interface ChannelSender {

  Channel channel();

  Future<SendOutcome> send(OutboundMessage message);
}
