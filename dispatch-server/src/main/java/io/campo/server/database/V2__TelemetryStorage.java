package io.campo.server.database;

import io.campo.tracking.storage.TelemetrySchema;
import java.sql.Connection;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Version 2: the telemetry tables (Flyway takes the version from the class name). Java rather than SQL because the layout depends on the
 * server: a TimescaleDB hypertable when the extension is offered, native partitions otherwise.
 */
final class V2__TelemetryStorage extends BaseJavaMigration {

  private final boolean timescaleAllowed;
  private final int retentionDays;

  V2__TelemetryStorage(boolean timescaleAllowed, int retentionDays) {
    this.timescaleAllowed = timescaleAllowed;
    this.retentionDays = retentionDays;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    boolean timescale = timescaleAllowed && TelemetrySchema.timescaleAvailable(c);
    TelemetrySchema.create(c, timescale, retentionDays);
  }
}
