package io.campo.server.live;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.campo.server.CpuBudget;
import java.nio.charset.StandardCharsets;

/**
 * Whatever a live-map browser sends, the reader answers with a message or an {@link IllegalArgumentException} whose
 * text goes back in an error frame — nothing else — and no message costs over 100 ms.
 * Seeds: {@code ClientMessageReaderFuzzTestInputs/reads/}.
 */
class ClientMessageReaderFuzzTest {

  static {
    CpuBudget.warmUp(() -> ClientMessageReader.message("{\"type\":\"viewport\",\"bbox\":[-99.2,19.3,-99.0,19.5]}"));
  }

  @FuzzTest(maxDuration = "8s")
  void reads(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    CpuBudget.within(() -> {
      try {
        ClientMessageReader.message(text);
      } catch (IllegalArgumentException e) {
        // the documented answer
      }
    });
  }
}
