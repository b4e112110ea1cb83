package io.campo.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageReaderTest {

  @Test
  void aViewportIsABoxOrNullForTheWholeMap() {
    assertEquals(new Bbox(-99.2, 19.3, -99.0, 19.5), ClientMessageReader.read("{\"type\":\"viewport\",\"bbox\":[-99.2,19.3,-99.0,19.5]}"));
    assertEquals(Bbox.WORLD, ClientMessageReader.read("{\"type\":\"viewport\",\"bbox\":null}"));
    assertEquals(new Bbox(-100, 19, -99, 20), ClientMessageReader.read("{\"type\":\"viewport\",\"bbox\":[-100,19,-99,20]}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json", "[1,2]", "42", "{}", "{\"type\":\"zoom\"}", "{\"type\":\"viewport\"}",
      "{\"type\":\"viewport\",\"bbox\":[1,2,3]}", "{\"type\":\"viewport\",\"bbox\":[\"a\",2,3,4]}",
      "{\"type\":\"viewport\",\"bbox\":\"-99,19,-98,20\"}", "{\"type\":\"viewport\",\"bbox\":[-98,19,-99,20]}",
      "{\"type\":\"viewport\",\"bbox\":[-99,20,-98,19]}", "{\"type\":\"viewport\",\"bbox\":[-200,19,-98,20]}",
      "{\"type\":\"viewport\",\"bbox\":[-99,19,-98,95]}"})
  void anythingElseIsRefusedWithAReason(String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientMessageReader.read(message));
    assertTrue(e.getMessage().length() > 10, e.getMessage());
  }

  @Test
  void anAckNamesTheFrameApplied() {
    assertEquals(new ClientMessage.Ack(41), ClientMessageReader.message("{\"type\":\"ack\",\"seq\":41}"));
    assertEquals(new ClientMessage.Viewport(Bbox.WORLD), ClientMessageReader.message("{\"type\":\"viewport\",\"bbox\":null}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"type\":\"ack\"}", "{\"type\":\"ack\",\"seq\":-1}", "{\"type\":\"ack\",\"seq\":1.5}",
      "{\"type\":\"ack\",\"seq\":\"7\"}"})
  void aBadAckIsRefusedWithAReason(String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientMessageReader.message(message));
    assertTrue(e.getMessage().contains("seq"), e.getMessage());
  }

  @Test
  void anOverlongMessageIsRefusedBeforeParsing() {
    String huge = "{\"type\":\"viewport\",\"bbox\":null,\"pad\":\"" + "x".repeat(ClientMessageReader.MAX_MESSAGE_CHARS) + "\"}";
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ClientMessageReader.read(huge)).getMessage().contains("too long"));
  }

  @Test
  void aBoxContainsItsEdges() {
    Bbox b = new Bbox(-99.2, 19.3, -99.0, 19.5);
    assertTrue(b.contains(19.3, -99.2));
    assertTrue(b.contains(19.4, -99.1));
    assertTrue(!b.contains(19.51, -99.1) && !b.contains(19.4, -98.99));
  }
}
