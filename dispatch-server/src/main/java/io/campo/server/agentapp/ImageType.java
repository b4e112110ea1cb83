package io.campo.server.agentapp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The photo formats the agent app may upload, told by their first bytes: a declared {@code Content-Type} alone says
 * nothing about the file (a renamed PDF or a script says "image/jpeg" just as easily). Stateless and thread-safe.
 */
public enum ImageType {
  JPEG("image/jpeg"),
  PNG("image/png"),
  WEBP("image/webp");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final String contentType;

  ImageType(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** The type a {@code Content-Type} header names (parameters and case ignored), if it is one of ours. */
  public static Optional<ImageType> declared(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String type = header.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.contentType.equals(type)).findFirst();
  }

  /** The type the file's magic bytes show, if it is one of ours. */
  public static Optional<ImageType> sniffed(byte[] file) {
    if (file.length >= 3 && (file[0] & 0xff) == 0xff && (file[1] & 0xff) == 0xd8 && (file[2] & 0xff) == 0xff) {
      return Optional.of(JPEG);
    }
    if (file.length >= 8 && Arrays.equals(Arrays.copyOf(file, 8), PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (file.length >= 12 && ascii(file, 0, 4).equals("RIFF") && ascii(file, 8, 12).equals("WEBP")) {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static String ascii(byte[] file, int from, int to) {
    return new String(file, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
