package io.campo.server.visit;

import io.campo.tracking.visit.CheckIn;
import io.vertx.core.json.JsonObject;

/**
 * A visit as a phone reports it, already checked for shape.
 *
 * @param debtorExternalId the debtor as the agency knows it
 * @param outcome PAID, PROMISE, NO_CONTACT, REFUSED, WRONG_ADDRESS or INCIDENT
 * @param outcomeDetails amount/currency/receipt, promise date/amount, or incident type/note
 * @param planId the plan the visit came from, or null for an ad-hoc visit
 */
record VisitSubmission(
    String debtorExternalId,
    CheckIn checkIn,
    String outcome,
    JsonObject outcomeDetails,
    JsonObject answers,
    Long planId) {}
