package io.campo.server.outreach;

import io.campo.server.cluster.PeriodicJobs;
import io.campo.server.config.CampoConfig;
import io.campo.server.config.OutreachSettings;
import io.campo.server.outreach.campaign.CampaignHandlers;
import io.campo.server.outreach.campaign.Campaigns;
import io.campo.server.outreach.channel.Channel;
import io.campo.server.outreach.channel.ChannelSender;
import io.campo.server.outreach.channel.SmtpEmailSender;
import io.campo.server.outreach.channel.TwilioSmsSender;
import io.campo.server.outreach.channel.WhatsAppCloudSender;
import io.campo.server.outreach.compliance.ContactGate;
import io.campo.server.outreach.dispatch.MessageDispatcher;
import io.campo.server.outreach.dispatch.SendQueue;
import io.campo.server.outreach.optout.OptOutHandlers;
import io.campo.server.outreach.optout.OptOuts;
import io.campo.server.outreach.strategy.Strategies;
import io.campo.server.outreach.strategy.StrategyHandlers;
import io.campo.server.outreach.template.MessageTemplates;
import io.campo.server.outreach.template.TemplateHandlers;
import io.campo.server.outreach.template.TemplateValues;
import io.campo.server.outreach.webhook.ProviderEvents;
import io.campo.server.outreach.webhook.WebhookHandlers;
import io.campo.server.payments.PaymentLinkIssuer;
import io.campo.server.portfolio.E164Phones;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Debtor outreach, wired: the providers of each configured channel, the compliance gate, the send queue and its
 * dispatcher, and the HTTP handlers. CampoServer starts it with one call and closes it on stop.
 */
public final class Outreach implements AutoCloseable {

  /** A provider that has not answered in this long is a failed send (recorded with the reason), not a stuck batch. */
  public static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(10);
  /** Connections per provider: a 20 ms provider then takes ~3,000 messages a second from one node. */
  static final int PROVIDER_CONNECTIONS = 64;
  /** How often the cluster checks whether today's strategy campaigns are made (each strategy runs once a day). */
  static final Duration STRATEGY_CHECK = Duration.ofMinutes(10);

  private final ContactGate gate;
  private final OutreachHandlers handlers;
  private final MessageDispatcher dispatcher;
  private final WebClient web;
  private final MailClient mail;

  private Outreach(ContactGate gate, OutreachHandlers handlers, MessageDispatcher dispatcher, WebClient web, MailClient mail) {
    this.gate = gate;
    this.handlers = handlers;
    this.dispatcher = dispatcher;
    this.web = web;
    this.mail = mail;
  }

  /**
   * @param paymentLinks renders {liga_pago}; empty refuses templates that use it
   * @param jobs runs the standing strategies, once across the cluster
   */
  public static Outreach start(Vertx vertx, DataSource dataSource, CampoConfig config, TeamScope scope,
      Optional<PaymentLinkIssuer> paymentLinks, PeriodicJobs jobs, Clock clock) {
    OutreachSettings settings = config.outreach();
    E164Phones phones = new E164Phones(settings.country());
    WebClient web = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) PROVIDER_TIMEOUT.toMillis()).setKeepAlive(true).setUserAgent("Campo"),
        new PoolOptions().setHttp1MaxSize(PROVIDER_CONNECTIONS));
    Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    if (settings.whatsApp().enabled()) {
      senders.put(Channel.WHATSAPP, new WhatsAppCloudSender(web, settings.whatsApp(), PROVIDER_TIMEOUT));
    }
    if (settings.sms().enabled()) {
      String callback = config.publicUrl() == null ? null : config.publicUrl() + WebhookHandlers.SMS_PATH;
      senders.put(Channel.SMS, new TwilioSmsSender(web, settings.sms(), callback, PROVIDER_TIMEOUT));
    }
    MailClient mail = null;
    if (config.smtp().enabled()) {
      MailConfig mc = new MailConfig().setHostname(config.smtp().host()).setPort(config.smtp().port()).setSsl(config.smtp().ssl())
          .setStarttls(StartTLSOptions.valueOf(config.smtp().startTls().toUpperCase(Locale.ROOT)));
      if (config.smtp().username() != null) {
        mc.setUsername(config.smtp().username()).setPassword(config.smtp().password());
      }
      mail = MailClient.create(vertx, mc);
      senders.put(Channel.EMAIL, new SmtpEmailSender(mail, config.smtp().from()));
    }
    ContactGate gate = ContactGate.of(settings.contact(), config.timeZone());
    TemplateValues values = new TemplateValues(paymentLinks);
    SendQueue queue = new SendQueue(dataSource, gate, values, senders::containsKey, config.timeZone());
    MessageDispatcher dispatcher = new MessageDispatcher(vertx, queue, senders, clock, MessageDispatcher.Pace.DEFAULT).start();
    Campaigns campaigns = new Campaigns(dataSource);
    Strategies strategies = new Strategies(dataSource, campaigns);
    OutreachHandlers handlers = new OutreachHandlers(
        new TemplateHandlers(vertx, dataSource, new MessageTemplates(dataSource), values, scope, config.timeZone(), clock),
        new CampaignHandlers(vertx, campaigns, scope, channel -> senders.containsKey(channel) ? null
            : whyOff(channel), MessageDispatcher.WAKE_ADDRESS, config.timeZone(), clock),
        new WebhookHandlers(vertx, settings, new ProviderEvents(dataSource, phones), config.publicUrl(), clock),
        new StrategyHandlers(vertx, strategies), new OptOutHandlers(vertx, new OptOuts(dataSource), scope, clock));
    // The strategies' day starts at the first run after local midnight; their messages then wait for the contact hours.
    jobs.repeatOnceAcrossCluster("outreach strategies", STRATEGY_CHECK, false, () -> {
      strategies.runDay(clock.instant().atZone(config.timeZone()).toLocalDate(), clock.instant());
      // Every node's dispatcher: the day's messages are queued now.
      vertx.eventBus().publish(MessageDispatcher.WAKE_ADDRESS, null);
      return null;
    });
    return new Outreach(gate, handlers, dispatcher, web, mail);
  }

  static String whyOff(Channel channel) {
    return switch (channel) {
      case WHATSAPP -> "WhatsApp is not configured on this server (CAMPO_WHATSAPP_TOKEN, CAMPO_WHATSAPP_PHONE_NUMBER_ID)";
      case SMS -> "SMS is not configured on this server (CAMPO_SMS_ACCOUNT, CAMPO_SMS_TOKEN, CAMPO_SMS_FROM)";
      case EMAIL -> "e-mail is not configured on this server (CAMPO_SMTP_HOST)";
    };
  }

  public OutreachHandlers handlers() {
    return handlers;
  }

  /** The compliance gate, for other features' contacts (planned visits: {@link ContactGate#visit}). */
  public ContactGate gate() {
    return gate;
  }

  public MessageDispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public void close() {
    dispatcher.close();
    web.close();
    if (mail != null) {
      mail.close();
    }
  }
}
