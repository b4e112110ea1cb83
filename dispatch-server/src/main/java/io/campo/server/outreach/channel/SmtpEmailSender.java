package io.campo.server.outreach.channel;

import io.vertx.core.Future;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;

/**
 * E-mail to debtors through the SMTP server supervisors' e-mail uses ({@code CAMPO_SMTP_*}). SMTP reports no delivery
 * or reading: an e-mail is "sent" once the server took it, and the Message-ID it was given is its provider id.
 */
public final class SmtpEmailSender implements ChannelSender {

  private final MailClient mail;
  private final String from;

  public SmtpEmailSender(MailClient mail, String from) {
    this.mail = mail;
    this.from = from;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public Future<SendOutcome> send(OutboundMessage message) {
    MailMessage m = new MailMessage().setFrom(from).setTo(message.recipient()).setSubject(message.subject())
        .setText(message.text());
    return mail.sendMail(m)
        .map(r -> (SendOutcome) new SendOutcome.Accepted(r.getMessageID() != null ? r.getMessageID() : "smtp-" + message.id()))
        .otherwise(t -> new SendOutcome.Refused(ProviderAnswers.unreachable("SMTP server", t)));
  }
}
