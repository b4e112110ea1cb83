package io.campo.server.payments;

import io.campo.server.payments.agreement.AgreementHandlers;
import io.campo.server.payments.agreement.Agreements;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;

/** The payments feature's handlers, assembled once at start (one line in CampoServer, one component of ApiHandlers). */
public record PaymentsApi(PaymentHandlers payments, AgreementHandlers agreements) {

  /** @param agreementGraceDays {@code CAMPO_AGREEMENT_GRACE_DAYS}: the grace of agreements made from now on */
  public static PaymentsApi create(Vertx vertx, DataSource dataSource, TeamScope scope, Clock clock, ZoneId zone,
      int agreementGraceDays) {
    return new PaymentsApi(new PaymentHandlers(vertx, new PaymentLedger(dataSource), new PaymentReader(clock), scope),
        new AgreementHandlers(vertx, new Agreements(dataSource, clock, zone, agreementGraceDays), scope));
  }
}
