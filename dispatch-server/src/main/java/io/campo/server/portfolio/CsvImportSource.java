package io.campo.server.portfolio;

import io.campo.server.api.ApiException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV body (UTF-8, with or without a byte-order mark) read with Apache Commons CSV. The
 * delimiter — comma, semicolon (Excel in Spanish locales) or tab — is the one that occurs most in
 * the header line outside quotes. The first record is the header.
 */
final class CsvImportSource implements ImportSource {

  private final byte[] body;
  private final char delimiter;
  private final ImportColumn[] columnOf;
  private final int headerFields;
  private final List<String> ignored = new ArrayList<>();

  CsvImportSource(byte[] body) {
    this.body = body;
    String headerLine = firstLine();
    this.delimiter = delimiterOf(headerLine);
    List<String> headers;
    try (CSVParser parser = parser()) {
      var it = parser.iterator();
      if (!it.hasNext()) {
        throw ApiException.badRequest("the CSV is empty; the first line must name the columns (id, name, …)");
      }
      headers = it.next().toList();
    } catch (IOException | UncheckedIOException e) {
      throw ApiException.badRequest("the CSV header cannot be read: " + e.getMessage());
    }
    headerFields = headers.size();
    columnOf = new ImportColumn[headers.size()];
    Map<ImportColumn, String> seen = new EnumMap<>(ImportColumn.class);
    for (int i = 0; i < headers.size(); i++) {
      String header = headers.get(i);
      var column = ImportColumn.forHeader(header);
      if (column.isEmpty()) {
        if (!header.isBlank()) {
          ignored.add(header.strip());
        }
        continue;
      }
      String earlier = seen.put(column.get(), header);
      if (earlier != null) {
        throw ApiException.badRequest("columns '" + earlier + "' and '" + header + "' both mean "
            + column.get().names().get(0) + "; keep one");
      }
      columnOf[i] = column.get();
    }
    if (!seen.containsKey(ImportColumn.EXTERNAL_ID)) {
      throw ApiException.badRequest("the CSV has no id column; name it one of "
          + String.join(", ", ImportColumn.EXTERNAL_ID.names()) + " (found: " + String.join(", ", headers) + ")");
    }
  }

  @Override
  public void forEachRow(RowSink sink) {
    try (CSVParser parser = parser()) {
      var it = parser.iterator();
      it.next();
      while (it.hasNext()) {
        CSVRecord record = it.next();
        int line = (int) parser.getCurrentLineNumber();
        if (record.size() != headerFields) {
          if (record.size() == 1 && record.get(0).isBlank()) {
            continue;
          }
          sink.malformed(line, "has " + record.size() + " fields, the header has " + headerFields
              + (record.size() > headerFields ? " (an unquoted '" + delimiter + "' inside a value?)" : ""));
          continue;
        }
        Map<ImportColumn, String> cells = new EnumMap<>(ImportColumn.class);
        for (int i = 0; i < headerFields; i++) {
          if (columnOf[i] != null) {
            cells.put(columnOf[i], record.get(i));
          }
        }
        sink.row(line, cells);
      }
    } catch (IOException | UncheckedIOException e) {
      throw ApiException.badRequest("the CSV cannot be read past a point: " + e.getMessage()
          + "; nothing was imported (look for an unclosed quote)");
    }
  }

  @Override
  public List<String> ignoredColumns() {
    return List.copyOf(ignored);
  }

  char delimiter() {
    return delimiter;
  }

  private CSVParser parser() throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true).get();
    return CSVParser.builder().setReader(reader()).setFormat(format).get();
  }

  private Reader reader() throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8), 1 << 16);
    r.mark(1);
    if (r.read() != '\uFEFF') {
      r.reset();
    }
    return r;
  }

  private String firstLine() {
    try (BufferedReader r = (BufferedReader) reader()) {
      String line = r.readLine();
      return line == null ? "" : line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static char delimiterOf(String headerLine) {
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (int i = 0; i < headerLine.length(); i++) {
      char c = headerLine.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        commas += c == ',' ? 1 : 0;
        semicolons += c == ';' ? 1 : 0;
        tabs += c == '\t' ? 1 : 0;
      }
    }
    if (tabs > commas && tabs > semicolons) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }
}
