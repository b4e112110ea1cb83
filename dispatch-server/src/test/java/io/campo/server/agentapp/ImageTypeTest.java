package io.campo.server.agentapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageTypeTest {

  static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  static final byte[] WEBP = "RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void tellsTheThreeFormatsByTheirFirstBytes() {
    assertEquals(Optional.of(ImageType.JPEG), ImageType.sniffed(JPEG));
    assertEquals(Optional.of(ImageType.PNG), ImageType.sniffed(PNG));
    assertEquals(Optional.of(ImageType.WEBP), ImageType.sniffed(WEBP));
  }

  @Test
  void refusesOtherFilesAndTruncatedHeaders() {
    assertEquals(Optional.empty(), ImageType.sniffed("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(Optional.empty(), ImageType.sniffed(new byte[] {(byte) 0xff, (byte) 0xd8}));
    assertEquals(Optional.empty(), ImageType.sniffed("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals(Optional.empty(), ImageType.sniffed(new byte[0]));
  }

  @Test
  void readsTheDeclaredTypeIgnoringParametersAndCase() {
    assertEquals(Optional.of(ImageType.JPEG), ImageType.declared("Image/JPEG; q=1"));
    assertEquals(Optional.empty(), ImageType.declared("image/gif"));
    assertEquals(Optional.empty(), ImageType.declared(null));
  }
}
