package io.campo.server.outreach.template;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The debtor data a template may name, as {@code {nombre}} etc. */
public enum TemplateVariable {
  /** The debtor's first name: a message read by someone else on a shared phone shows no more than that. */
  NOMBRE("nombre"),
  /** The open balance of the debtor's debts, in their currency, formatted for Mexico. */
  SALDO("saldo"),
  /** The earliest due date among the debts with a balance, dd/MM/yyyy. */
  VENCIMIENTO("vencimiento"),
  /** A new signed link to the debtor's payment page (one per message). */
  LIGA_PAGO("liga_pago"),
  /** The name of the agent who last visited the debtor. */
  AGENTE("agente"),
  /** The amount of the debtor's soonest open promise to pay. */
  MONTO_PROMESA("monto_promesa");

  private final String token;

  TemplateVariable(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }

  public static Optional<TemplateVariable> of(String token) {
    return Arrays.stream(values()).filter(v -> v.token.equals(token)).findFirst();
  }

  /** "{nombre}, {saldo}, …" for error messages. */
  public static String listed() {
    return Arrays.stream(values()).map(v -> "{" + v.token + "}").collect(Collectors.joining(", "));
  }
}
