package io.campo.server.outreach.compliance;

import java.time.Instant;

/** The hours of one day in which debtors may be contacted: from {@code opens} to {@code closes}, exclusive. */
public record ContactHours(Instant opens, Instant closes) {}
