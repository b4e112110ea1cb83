package io.campo.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenSealTest {

  static byte[] key(int fill) {
    byte[] k = new byte[TokenSeal.KEY_BYTES];
    Arrays.fill(k, (byte) fill);
    return k;
  }

  @Test
  void aSealedTokenOpensWithTheSameKeyForTheSameOwnerOnly() {
    TokenSeal seal = new TokenSeal(key(1));
    String token = "hB3v0T0k3n-with_url-safe-chars";
    byte[] sealed = seal.seal(token, "agent-1");
    assertEquals(token, seal.open(sealed, "agent-1"));
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(token), "the token is not in the sealed bytes");
    assertThrows(IllegalArgumentException.class, () -> seal.open(sealed, "agent-2"), "moved to another agent's row");
    assertThrows(IllegalArgumentException.class, () -> new TokenSeal(key(2)).open(sealed, "agent-1"), "another server's key");
  }

  @Test
  void eachSealUsesAFreshNonceAndAlteredBytesDoNotOpen() {
    TokenSeal seal = new TokenSeal(key(3));
    byte[] a = seal.seal("same", "agent-1");
    byte[] b = seal.seal("same", "agent-1");
    assertNotEquals(Arrays.toString(a), Arrays.toString(b), "the same token sealed twice does not look the same");
    for (int i = 0; i < a.length; i++) {
      byte[] altered = a.clone();
      altered[i] ^= 0x01;
      int at = i;
      assertThrows(IllegalArgumentException.class, () -> seal.open(altered, "agent-1"), "byte " + at + " flipped");
    }
    assertThrows(IllegalArgumentException.class, () -> seal.open(new byte[5], "agent-1"), "truncated");
  }

  @Test
  void onlyA256BitKeyIsAccepted() {
    assertThrows(IllegalArgumentException.class, () -> new TokenSeal(new byte[16]));
  }
}
