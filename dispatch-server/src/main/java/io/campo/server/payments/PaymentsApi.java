package io.campo.server.payments;

import io.campo.server.config.CampoConfig;
import io.campo.server.payments.agreement.AgreementHandlers;
import io.campo.server.payments.agreement.Agreements;
import io.campo.server.payments.page.MercadoPagoCheckout;
import io.campo.server.payments.page.PagePromises;
import io.campo.server.payments.page.PaymentLinkToken;
import io.campo.server.payments.page.PaymentPageHandlers;
import io.campo.server.payments.page.SignedPaymentLinks;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The payments feature's handlers, assembled once at start (one line in CampoServer, one component of ApiHandlers).
 *
 * @param links the {@link PaymentLinkIssuer} other features (messages' {@code {liga_pago}}) use
 */
public record PaymentsApi(PaymentHandlers payments, AgreementHandlers agreements, PaymentPageHandlers pages,
    PaymentLinkIssuer links) {

  /** Blocking (reads or creates the payment-link key): call at start, as the JWT key is. */
  public static PaymentsApi create(Vertx vertx, DataSource dataSource, TeamScope scope, Clock clock, CampoConfig config)
      throws SQLException {
    PaymentLedger ledger = new PaymentLedger(dataSource);
    PaymentLinkToken tokens = new PaymentLinkToken(SignedPaymentLinks.loadOrCreateKey(dataSource));
    SignedPaymentLinks links = new SignedPaymentLinks(tokens, config.publicUrl(), clock);
    MercadoPagoCheckout checkout = config.checkout().enabled()
        ? new MercadoPagoCheckout(config.checkout().apiUrl(), config.checkout().accessToken(), config.checkout().webhookSecret())
        : null;
    return new PaymentsApi(new PaymentHandlers(vertx, ledger, new PaymentReader(clock), scope),
        new AgreementHandlers(vertx, new Agreements(dataSource, clock, config.timeZone(), config.agreementGraceDays()), scope),
        new PaymentPageHandlers(vertx, dataSource, tokens, links, checkout, ledger, scope, clock, config.timeZone(),
            new PagePromises(dataSource, clock, config.timeZone())), links);
  }
}
