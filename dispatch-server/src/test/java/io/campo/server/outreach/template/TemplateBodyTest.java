package io.campo.server.outreach.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateBodyTest {

  @Test
  void rendersVariablesAndListsThemInOrderAsWhatsAppParameters() throws Exception {
    TemplateBody b = TemplateBody.parse("Hola {nombre}, debes {saldo}. {nombre}, vence {vencimiento}");
    Map<TemplateVariable, String> v = Map.of(TemplateVariable.NOMBRE, "Ana", TemplateVariable.SALDO, "$10.00",
        TemplateVariable.VENCIMIENTO, "01/07/2026");
    assertEquals("Hola Ana, debes $10.00. Ana, vence 01/07/2026", b.render(v));
    assertEquals(List.of("Ana", "$10.00", "Ana", "01/07/2026"), b.parameters(v));
    assertEquals(EnumSet.of(TemplateVariable.NOMBRE, TemplateVariable.SALDO, TemplateVariable.VENCIMIENTO), b.variables());
  }

  @Test
  void unknownVariablesAndStrayBracesAreRefusedWithTheirNames() {
    assertTrue(assertThrows(TemplateBody.Invalid.class, () -> TemplateBody.parse("Hola {Nombre} {x}")).getMessage()
        .startsWith("unknown variables {Nombre}, {x}; a template may use {nombre}, {saldo}"));
    assertTrue(assertThrows(TemplateBody.Invalid.class, () -> TemplateBody.parse("Hola {nombre")).getMessage().contains("not closed"));
    assertTrue(assertThrows(TemplateBody.Invalid.class, () -> TemplateBody.parse("Hola {{nombre}}")).getMessage().contains("not closed"));
    assertTrue(assertThrows(TemplateBody.Invalid.class, () -> TemplateBody.parse("Hola nombre}")).getMessage().contains("closes no variable"));
  }

  @Test
  void draftsListEveryProblemAtOnce() {
    var r = TemplateDraft.read(new JsonObject().put("name", "Mal Nombre").put("channel", "whatsapp").put("language", "es-mx")
        .put("body", "x".repeat(1025)), true);
    assertEquals(3, ((TemplateDraft.Invalid) r).reasons().size(), r.toString());
    assertTrue(TemplateDraft.read(new JsonObject().put("name", "a").put("channel", "fax").put("body", "x"), true)
        instanceof TemplateDraft.Invalid);
    var link = TemplateDraft.read(new JsonObject().put("name", "a").put("channel", "sms").put("body", "{liga_pago}"), true);
    assertTrue(link instanceof TemplateDraft.Valid, "with an issuer configured {liga_pago} is fine");
  }

  @Test
  void moneyIsShownAsInMexicoAndOtherCurrenciesKeepTheirCode() {
    assertEquals("$1,234.50", TemplateValues.money(new BigDecimal("1234.50"), "MXN"));
    assertEquals("USD 20.00", TemplateValues.money(new BigDecimal("20"), "USD"));
    assertEquals("Ana", TemplateValues.firstName("  Ana María López "));
  }
}
