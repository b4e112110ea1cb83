package io.campo.server.enrolment;

import io.nayuki.qrcodegen.QrCode;

/**
 * A text as a QR code in SVG: one path of unit squares on a white background with the four-module quiet zone readers
 * need, scaled by the viewer (the {@code viewBox} is in modules). Medium error correction: read off a laptop screen
 * with glare, yet small enough for a link of about 200 characters. Stateless.
 */
final class QrSvg {

  static final int QUIET_ZONE_MODULES = 4;

  private QrSvg() {}

  static String of(String text) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int side = qr.size + 2 * QUIET_ZONE_MODULES;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + QUIET_ZONE_MODULES).append(',').append(y + QUIET_ZONE_MODULES).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + side + " " + side
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/><path d=\"" + path
        + "\" fill=\"#000000\"/></svg>";
  }
}
