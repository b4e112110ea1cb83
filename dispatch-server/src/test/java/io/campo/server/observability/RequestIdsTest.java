package io.campo.server.observability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which caller-given request ids are kept, and what a made one looks like. */
class RequestIdsTest {

  @Test
  void plainTokensAreKept() {
    assertTrue(RequestIds.sane("3f2a9c1e-77b0-4c1d-9d8e-0a1b2c3d4e5f"), "a UUID");
    assertTrue(RequestIds.sane("Root=1-67891233-abcdef012345678912345678".substring(5)), "an AWS trace id's tail");
    assertTrue(RequestIds.sane("req.42:a_b-c"));
    assertTrue(RequestIds.sane("x".repeat(64)));
  }

  @Test
  void anythingThatCouldForgeALogFieldIsReplaced() {
    assertFalse(RequestIds.sane(null));
    assertFalse(RequestIds.sane(""));
    assertFalse(RequestIds.sane("x".repeat(65)), "too long");
    assertFalse(RequestIds.sane("a b"), "space");
    assertFalse(RequestIds.sane("a\nlevel=ERROR"), "line break");
    assertFalse(RequestIds.sane("a\"b"), "quote");
    assertFalse(RequestIds.sane("a=b"), "key=value");
    assertFalse(RequestIds.sane("ñandú"), "not ASCII");
  }

  @Test
  void madeIdsAre32HexDigitsAndDiffer() {
    String a = RequestIds.generate();
    String b = RequestIds.generate();
    assertTrue(a.matches("[0-9a-f]{32}"), a);
    assertTrue(RequestIds.sane(a));
    assertNotEquals(a, b);
  }

  @Test
  void outsideAnyRequestThereIsNoId() {
    assertNull(RequestIds.current());
  }
}
