package io.campo.server.notification;

import io.campo.server.config.SmtpSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the e-mails of {@link EmailOutbox} through the configured SMTP server: every few
 * seconds, and at once when something new is queued ({@link #WAKE_ADDRESS}). One pass at a
 * time per node.
 */
public final class EmailSender implements AutoCloseable {

  /** Publish anything here to send queued e-mail now instead of at the next tick. */
  public static final String WAKE_ADDRESS = "campo.notifications.wake";
  static final long TICK_MILLIS = 2_000;
  static final int BATCH = 50;
  private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

  private final Vertx vertx;
  private final EmailOutbox outbox;
  private final MailClient mail;
  private final String from;
  private final long timer;
  private boolean running;

  public EmailSender(Vertx vertx, EmailOutbox outbox, SmtpSettings smtp) {
    this.vertx = vertx;
    this.outbox = outbox;
    this.from = smtp.from();
    MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port()).setSsl(smtp.ssl())
        .setStarttls(StartTLSOptions.valueOf(smtp.startTls().toUpperCase(Locale.ROOT)));
    if (smtp.username() != null) {
      config.setUsername(smtp.username()).setPassword(smtp.password());
    }
    this.mail = MailClient.create(vertx, config);
    this.timer = vertx.setPeriodic(TICK_MILLIS, id -> pass());
    vertx.eventBus().consumer(WAKE_ADDRESS, m -> pass());
  }

  private void pass() {
    if (running) {
      return;
    }
    running = true;
    vertx.executeBlocking(() -> outbox.claim(BATCH), false)
        .compose(this::sendAll)
        .onComplete(ar -> {
          running = false;
          if (ar.failed()) {
            log.warn("cannot read queued e-mail: {}", ar.cause().toString());
          }
        });
  }

  private Future<Void> sendAll(List<EmailOutbox.Email> emails) {
    Future<Void> chain = Future.succeededFuture();
    for (EmailOutbox.Email e : emails) {
      chain = chain.compose(v -> send(e));
    }
    return chain;
  }

  private Future<Void> send(EmailOutbox.Email e) {
    MailMessage message = new MailMessage().setFrom(from).setTo(e.recipient()).setSubject(e.subject()).setText(e.body());
    return mail.sendMail(message)
        .compose(r -> vertx.executeBlocking(() -> {
          outbox.sent(e.id());
          return null;
        }, false))
        .recover(failure -> {
          log.warn("e-mail {} to {} not sent (attempt {}): {}", e.id(), e.recipient(), e.attempts() + 1, failure.toString());
          return vertx.executeBlocking(() -> {
            outbox.failed(e.id(), e.attempts(), failure.toString());
            return null;
          }, false);
        }).mapEmpty();
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
    mail.close();
  }
}
