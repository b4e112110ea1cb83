package io.campo.server.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoThumbnailTest {

  @Test
  void aLandscapePhotoBecomesA320PixelWideJpeg() throws Exception {
    PhotoThumbnail.Made made = PhotoThumbnail.make(TestImages.jpeg(1600, 1200), "image/jpeg", 1);
    assertEquals(1600, made.width());
    assertEquals(1200, made.height());
    BufferedImage thumb = decode(made.jpeg());
    assertEquals(320, thumb.getWidth());
    assertEquals(240, thumb.getHeight());
    assertTrue(made.jpeg()[0] == (byte) 0xff && made.jpeg()[1] == (byte) 0xd8, "a JPEG");
  }

  @Test
  void aPhotoTakenUprightIsTurnedByItsOrientation() throws Exception {
    BufferedImage thumb = decode(PhotoThumbnail.make(TestImages.jpeg(1200, 900), "image/jpeg", 6).jpeg());
    assertEquals(240, thumb.getWidth());
    assertEquals(320, thumb.getHeight());
  }

  @Test
  void aSmallImageIsNotBlownUpAndATransparentSignatureLandsOnWhite() throws Exception {
    BufferedImage thumb = decode(PhotoThumbnail.make(TestImages.png(200, 80), "image/png", 1).jpeg());
    assertEquals(200, thumb.getWidth());
    assertEquals(80, thumb.getHeight());
    BufferedImage blank = new BufferedImage(50, 20, BufferedImage.TYPE_INT_ARGB);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    ImageIO.write(blank, "png", png);
    int rgb = decode(PhotoThumbnail.make(png.toByteArray(), "image/png", 1).jpeg()).getRGB(25, 10) & 0xffffff;
    assertTrue((rgb & 0xff) > 240 && ((rgb >> 8) & 0xff) > 240, "white, got " + Integer.toHexString(rgb));
  }

  /** The 1×1 lossless WebP browsers' feature checks use: WebP is decoded through TwelveMonkeys' reader. */
  @Test
  void aWebpIsDecoded() throws Exception {
    byte[] webp = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    PhotoThumbnail.Made made = PhotoThumbnail.make(webp, "image/webp", 1);
    assertEquals(1, made.width());
    assertEquals(1, decode(made.jpeg()).getWidth());
  }

  @Test
  void undecodableImagesAndBombsAreRefusedWithAReason() {
    byte[] truncated = java.util.Arrays.copyOf(TestImages.jpeg(100, 100), 40);
    assertThrows(PhotoThumbnail.UnreadableImage.class, () -> PhotoThumbnail.make(truncated, "image/jpeg", 1));
    byte[] magicOnly = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2, 3, 4};
    assertThrows(PhotoThumbnail.UnreadableImage.class, () -> PhotoThumbnail.make(magicOnly, "image/jpeg", 1));
    PhotoThumbnail.UnreadableImage bomb = assertThrows(PhotoThumbnail.UnreadableImage.class,
        () -> PhotoThumbnail.make(TestImages.pngDeclaring(100_000, 100_000), "image/png", 1));
    assertTrue(bomb.getMessage().contains("100000 × 100000"), bomb.getMessage());
  }

  private static BufferedImage decode(byte[] jpeg) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(jpeg));
  }
}
