package io.campo.server.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The QR code of an enrolment link, drawn from its SVG and read back by an independent reader (ZXing). */
class QrSvgTest {

  private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
  private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");

  /** Rasterises the SVG's unit squares at {@code scale} pixels per module: what a screen shows the phone's camera. */
  static BufferedImage render(String svg, int scale) {
    Matcher box = VIEW_BOX.matcher(svg);
    assertTrue(box.find(), svg);
    int side = Integer.parseInt(box.group(1));
    BufferedImage image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, side * scale, side * scale);
    g.setColor(Color.BLACK);
    Matcher m = MODULE.matcher(svg);
    while (m.find()) {
      g.fillRect(Integer.parseInt(m.group(1)) * scale, Integer.parseInt(m.group(2)) * scale, scale, scale);
    }
    g.dispose();
    return image;
  }

  static String decode(String svg) throws Exception {
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(render(svg, 6))));
    return new QRCodeReader().decode(bitmap).getText();
  }

  @Test
  void theCodeOfAnEnrolmentLinkReadsBackAsTheLink() throws Exception {
    String url = new EnrolmentLink("https://campo.example.com", "cobrador-17", "hB3v0T0k3n-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").url();
    String svg = QrSvg.of(url);
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
    assertEquals(url, decode(svg));
  }

  @Test
  void theCodeHasItsQuietZone() {
    String svg = QrSvg.of("https://campo.example.com/agent/");
    Matcher m = MODULE.matcher(svg);
    int min = Integer.MAX_VALUE;
    while (m.find()) {
      min = Math.min(min, Math.min(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
    assertEquals(QrSvg.QUIET_ZONE_MODULES, min, "no dark module inside the four-module border");
  }
}
