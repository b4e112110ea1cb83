package io.campo.server.evidence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Images the evidence tests make themselves: real JPEGs and PNGs written by ImageIO, and a JPEG carrying an EXIF block
 * (shutter time, its offset, GPS position, orientation) laid out by hand as TIFF 6.0 / EXIF 2.32 describe it, so the
 * tests need no binary fixture copied from elsewhere.
 */
public final class TestImages {

  private TestImages() {}

  public static byte[] jpeg(int width, int height) {
    return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
  }

  public static byte[] png(int width, int height) {
    return write(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
  }

  /** A real JPEG padded with zeros after its end marker to exactly {@code size} bytes (decoders stop at EOI). */
  public static byte[] paddedJpeg(int size, int seed) {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    image.setRGB(seed % 8, 0, 0xff0000 + seed);
    byte[] real = write(image, "jpeg");
    if (real.length > size) {
      throw new IllegalArgumentException("a real JPEG needs " + real.length + " bytes, asked for " + size);
    }
    return Arrays.copyOf(real, size);
  }

  /**
   * A JPEG with EXIF: {@code DateTimeOriginal} (wall-clock, "yyyy:MM:dd HH:mm:ss"), {@code OffsetTimeOriginal} when
   * {@code offset} is not null ("-06:00"), the GPS position in decimal degrees, and the orientation tag.
   */
  public static byte[] jpegWithExif(int width, int height, String dateTimeOriginal, String offset, double lat, double lon,
      int orientation) {
    byte[] plain = jpeg(width, height);
    byte[] exif = exifSegment(dateTimeOriginal, offset, lat, lon, orientation);
    // After SOI and the JFIF APP0 segment, where cameras put APP1.
    int app0Length = ((plain[4] & 0xff) << 8) | (plain[5] & 0xff);
    int at = 4 + app0Length;
    ByteBuffer out = ByteBuffer.allocate(plain.length + 4 + exif.length);
    out.put(plain, 0, at);
    out.put((byte) 0xff).put((byte) 0xe1).putShort((short) (exif.length + 2)).put(exif);
    out.put(plain, at, plain.length - at);
    return out.array();
  }

  /**
   * A PNG whose header declares {@code width} × {@code height} with a few bytes of data: what a decompression bomb
   * looks like before anyone decodes it.
   */
  public static byte[] pngDeclaring(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
        .put((byte) 0).put((byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static byte[] exifSegment(String dateTimeOriginal, String offset, double lat, double lon, int orientation) {
    // Big-endian TIFF: header (8), IFD0 (3 entries), Exif IFD (1 or 2 entries + strings), GPS IFD (4 entries + rationals).
    int ifd0 = 8;
    int exifIfd = ifd0 + 2 + 3 * 12 + 4;
    int exifEntries = offset == null ? 1 : 2;
    int exifData = exifIfd + 2 + exifEntries * 12 + 4;
    int offsetData = exifData + 20;
    int gpsIfd = offsetData + (offset == null ? 0 : 8);
    int gpsData = gpsIfd + 2 + 4 * 12 + 4;
    ByteBuffer t = ByteBuffer.allocate(gpsData + 48);
    t.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
    t.putShort((short) 3);
    entry(t, 0x0112, 3, 1, orientation << 16);
    entry(t, 0x8769, 4, 1, exifIfd);
    entry(t, 0x8825, 4, 1, gpsIfd);
    t.putInt(0);
    t.putShort((short) exifEntries);
    entry(t, 0x9003, 2, 20, exifData);
    if (offset != null) {
      entry(t, 0x9011, 2, 7, offsetData);
    }
    t.putInt(0);
    t.put(ascii(dateTimeOriginal, 20));
    if (offset != null) {
      t.put(ascii(offset, 8));
    }
    t.putShort((short) 4);
    entry(t, 0x0001, 2, 2, (lat >= 0 ? 'N' : 'S') << 24);
    entry(t, 0x0002, 5, 3, gpsData);
    entry(t, 0x0003, 2, 2, (lon >= 0 ? 'E' : 'W') << 24);
    entry(t, 0x0004, 5, 3, gpsData + 24);
    t.putInt(0);
    for (double degrees : new double[] {Math.abs(lat), Math.abs(lon)}) {
      t.putInt((int) Math.round(degrees * 1_000_000)).putInt(1_000_000).putInt(0).putInt(1).putInt(0).putInt(1);
    }
    byte[] tiff = t.array();
    byte[] segment = new byte[6 + tiff.length];
    System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, segment, 0, 6);
    System.arraycopy(tiff, 0, segment, 6, tiff.length);
    return segment;
  }

  /** One 12-byte IFD entry; a value of 4 bytes or fewer sits left-aligned in the last field. */
  private static void entry(ByteBuffer t, int tag, int type, int count, int valueOrOffset) {
    t.putShort((short) tag).putShort((short) type).putInt(count).putInt(valueOrOffset);
  }

  private static byte[] ascii(String s, int length) {
    return Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), length);
  }

  private static BufferedImage picture(int width, int height, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(30, 120, 200));
    g.fillRect(0, 0, width, height / 2);
    g.setColor(Color.ORANGE);
    g.fillRect(0, height / 2, width, height - height / 2);
    g.dispose();
    return image;
  }

  private static byte[] write(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
