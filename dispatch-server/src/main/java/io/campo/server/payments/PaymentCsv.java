package io.campo.server.payments;

import io.campo.server.api.ApiException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV of payments into {@link PaymentBatch.Row}s: the first line names the columns (the JSON field names,
 * in any case, or their Spanish names: deudor, contrato, monto, moneda, fecha_pago, referencia, origen); comma,
 * semicolon (Excel in Spanish locales) or tab, whichever the header holds most of. Stateless.
 */
public final class PaymentCsv {

  private static final Map<String, String> HEADERS = new HashMap<>();

  static {
    for (String[] names : new String[][] {{"debtor", "deudor", "debtor_id", "id_deudor"}, {"contract", "contrato"},
        {"amount", "monto", "importe"}, {"currency", "moneda"}, {"paidAt", "paid_at", "fecha_pago", "fecha"},
        {"reference", "referencia"}, {"source", "origen", "fuente"}}) {
      for (String n : names) {
        HEADERS.put(n.toLowerCase(Locale.ROOT), names[0]);
      }
    }
  }

  private PaymentCsv() {}

  public static List<PaymentBatch.Row> rows(String body) {
    String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
    int nl = text.indexOf('\n');
    char delimiter = delimiterOf(nl < 0 ? text : text.substring(0, nl));
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true).get();
    List<PaymentBatch.Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
      var it = parser.iterator();
      if (!it.hasNext()) {
        throw ApiException.badRequest("the CSV is empty; the first line must name the columns"
            + " (debtor, contract, amount, currency, paidAt, reference, source)");
      }
      List<String> headers = it.next().toList();
      String[] field = new String[headers.size()];
      List<String> unknown = new ArrayList<>();
      for (int i = 0; i < headers.size(); i++) {
        field[i] = HEADERS.get(headers.get(i).strip().toLowerCase(Locale.ROOT));
        if (field[i] == null && !headers.get(i).isBlank()) {
          unknown.add(headers.get(i).strip());
        }
      }
      if (!unknown.isEmpty()) {
        // Refused rather than ignored: a misspelt "refrence" column would make every row a reference-less refusal.
        throw ApiException.badRequest("unknown CSV columns " + unknown + "; the columns are debtor, contract, amount,"
            + " currency, paidAt, reference, source (or deudor, contrato, monto, moneda, fecha_pago, referencia, origen)");
      }
      while (it.hasNext()) {
        CSVRecord record = it.next();
        int line = (int) parser.getCurrentLineNumber();
        if (record.size() != headers.size()) {
          if (record.size() == 1 && record.get(0).isBlank()) {
            continue;
          }
          rows.add(new PaymentBatch.Row(line, null, "has " + record.size() + " fields, the header has " + headers.size()));
          continue;
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < field.length; i++) {
          if (field[i] != null && !record.get(i).isBlank()) {
            fields.put(field[i], record.get(i));
          }
        }
        rows.add(new PaymentBatch.Row(line, fields, null));
        if (rows.size() > PaymentBatch.MAX_ROWS) {
          break;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw ApiException.badRequest("the CSV cannot be read past a point: " + e.getMessage()
          + "; nothing was recorded (look for an unclosed quote)");
    }
    return rows;
  }

  static char delimiterOf(String headerLine) {
    long commas = headerLine.chars().filter(c -> c == ',').count();
    long semicolons = headerLine.chars().filter(c -> c == ';').count();
    long tabs = headerLine.chars().filter(c -> c == '\t').count();
    if (tabs > commas && tabs > semicolons) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }
}
