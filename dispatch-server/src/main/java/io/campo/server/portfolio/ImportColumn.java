package io.campo.server.portfolio;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields an import row may carry, each with the header names it is known by in Spanish and
 * English. Headers are matched ignoring case, accents, spaces and hyphens ("Fecha de vencimiento"
 * = {@code fecha_de_vencimiento}).
 */
public enum ImportColumn {
  EXTERNAL_ID("id", "external_id", "externalid", "cliente_id", "id_cliente", "cliente", "client_id", "debtor_id", "deudor_id",
      "numero_cliente"),
  NAME("name", "nombre", "nombre_completo", "full_name"),
  PHONES("phone", "phones", "telefono", "telefonos", "tel", "celular"),
  SEGMENT("segment", "segmento"),
  PRODUCT("product", "producto"),
  CONTRACT("contract", "contrato", "credito", "contract_number", "numero_credito", "numero_contrato", "loan", "loan_id"),
  CURRENCY("currency", "moneda", "divisa"),
  PRINCIPAL("principal", "capital", "monto_original"),
  BALANCE("balance", "saldo", "outstanding"),
  DUE_DATE("due_date", "duedate", "fecha_vencimiento", "fecha_de_vencimiento", "vencimiento"),
  LAT("lat", "latitude", "latitud"),
  LON("lon", "lng", "longitude", "longitud"),
  ADDRESS("address", "direccion", "domicilio"),
  ADDRESS_KIND("address_kind", "addresskind", "tipo_direccion", "tipo_domicilio"),
  RADIUS_METERS("radius", "radius_m", "radio", "radio_m", "radio_metros"),
  POLYGON("polygon", "poligono", "geofence"),
  GROUP_ID("group", "group_id", "groupid", "grupo", "grupo_id", "id_grupo"),
  GROUP_ROLE("role", "group_role", "rol", "rol_grupo"),
  TEAM("team", "equipo", "team_id", "equipo_id"),
  CONSENT_VISITS("consent_visits", "consentimiento_visitas", "acepta_visitas"),
  CONSENT_CALLS("consent_calls", "consentimiento_llamadas", "acepta_llamadas"),
  CONSENT_MESSAGES("consent_messages", "consentimiento_mensajes", "acepta_mensajes"),
  EMAIL("email", "e_mail", "correo", "correo_electronico", "mail");

  private static final Map<String, ImportColumn> BY_NAME = new HashMap<>();

  static {
    for (ImportColumn c : values()) {
      for (String name : c.names) {
        BY_NAME.put(name, c);
      }
    }
  }

  private final List<String> names;

  ImportColumn(String... names) {
    this.names = List.of(names);
  }

  /** Every header name this field is known by, English first. */
  public List<String> names() {
    return names;
  }

  /** The field a header (or JSON member) names, if any. */
  public static Optional<ImportColumn> forHeader(String header) {
    return Optional.ofNullable(BY_NAME.get(normalize(header)));
  }

  static String normalize(String header) {
    String s = Normalizer.normalize(header.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return s.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-.]+", "_");
  }
}
