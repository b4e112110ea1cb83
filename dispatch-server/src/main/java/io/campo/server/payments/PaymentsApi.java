package io.campo.server.payments;

import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import java.time.Clock;
import javax.sql.DataSource;

/** The payments feature's handlers, assembled once at start (one line in CampoServer, one component of ApiHandlers). */
public record PaymentsApi(PaymentHandlers payments) {

  public static PaymentsApi create(Vertx vertx, DataSource dataSource, TeamScope scope, Clock clock) {
    return new PaymentsApi(new PaymentHandlers(vertx, new PaymentLedger(dataSource), new PaymentReader(clock), scope));
  }
}
