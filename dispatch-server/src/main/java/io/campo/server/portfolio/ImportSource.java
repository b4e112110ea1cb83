package io.campo.server.portfolio;

import java.util.List;
import java.util.Map;

/**
 * The rows of an import body, read as often as asked: once to check the whole body before anything
 * is written, once to write. Implementations throw {@link io.campo.server.api.ApiException} (400)
 * for a body that cannot be read as a whole (no id column, broken quoting, not an array).
 */
interface ImportSource {

  /** Receives each row in order; {@code line} is where the sender will find it. */
  interface RowSink {
    void row(int line, Map<ImportColumn, String> cells);

    /** A row that cannot even be split into fields (wrong field count, not a JSON object). */
    void malformed(int line, String reason);
  }

  void forEachRow(RowSink sink);

  /** Headers (or JSON members) that name no field, so the sender sees a typo. */
  List<String> ignoredColumns();
}
