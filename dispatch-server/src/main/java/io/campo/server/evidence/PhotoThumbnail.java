package io.campo.server.evidence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes an uploaded image with ImageIO (JPEG and PNG built in, WebP through TwelveMonkeys' reader) and makes its
 * preview: a JPEG of at most {@link #LONG_SIDE_PX} px on the long side, turned upright by the EXIF orientation.
 * Decoding is the real check that the upload is an image: magic bytes alone let any file through.
 *
 * <p>Stateless and thread-safe (a reader and writer per call, memory-cached streams: no temporary files).
 */
public final class PhotoThumbnail {

  public static final int LONG_SIDE_PX = 320;
  /**
   * A 50-megapixel phone camera is the largest real source; a small file declaring more pixels than this is a
   * decompression bomb (a few KB of PNG can claim 100,000 × 100,000), refused before any pixel is decoded.
   */
  public static final long MAX_PIXELS = 64_000_000L;
  private static final float JPEG_QUALITY = 0.8f;

  /** The image's own size and its preview. */
  public record Made(int width, int height, byte[] jpeg) {}

  /** Why an upload is no usable image: a reason for the person who sent it. */
  public static final class UnreadableImage extends Exception {
    public UnreadableImage(String reason) {
      super(reason);
    }
  }

  private PhotoThumbnail() {}

  /** @param orientation EXIF orientation 1..8 of the source */
  public static Made make(byte[] image, String contentType, int orientation) throws UnreadableImage {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new UnreadableImage("the body is no " + contentType + " image that can be decoded");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
          throw new UnreadableImage("an image may have at most " + MAX_PIXELS + " pixels, this one declares " + width + " × " + height);
        }
        ImageReadParam param = reader.getDefaultReadParam();
        // Decode only every n-th pixel when n still leaves twice the preview's size: a 12 MP photo decoded whole is
        // ~48 MB of heap per upload.
        int step = Math.max(1, Math.max(width, height) / (2 * LONG_SIDE_PX));
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(0, param);
        return new Made(width, height, jpeg(scaled(decoded, orientation)));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new UnreadableImage("the body is no " + contentType + " image that can be decoded (" + e.getMessage() + ")");
    }
  }

  private static BufferedImage scaled(BufferedImage source, int orientation) {
    boolean quarterTurn = orientation >= 5;
    int w = quarterTurn ? source.getHeight() : source.getWidth();
    int h = quarterTurn ? source.getWidth() : source.getHeight();
    double scale = Math.min(1.0, (double) LONG_SIDE_PX / Math.max(w, h));
    int tw = Math.max(1, (int) Math.round(w * scale));
    int th = Math.max(1, (int) Math.round(h * scale));
    BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      // A signature is black ink on a transparent canvas: on JPEG's missing alpha it must land on white, not black.
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, tw, th);
      g.transform(upright(orientation, tw, th));
      g.scale(scale, scale);
      g.drawImage(source, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Maps the stored pixels to the upright preview of size tw × th (EXIF orientation, TIFF 6.0 tag 274). */
  private static AffineTransform upright(int orientation, int tw, int th) {
    AffineTransform t = new AffineTransform();
    switch (orientation) {
      case 2 -> { t.translate(tw, 0); t.scale(-1, 1); }
      case 3 -> { t.translate(tw, th); t.rotate(Math.PI); }
      case 4 -> { t.translate(0, th); t.scale(1, -1); }
      case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
      case 6 -> { t.translate(tw, 0); t.rotate(Math.PI / 2); }
      case 7 -> { t.translate(tw, th); t.rotate(Math.PI / 2); t.scale(-1, 1); }
      case 8 -> { t.translate(0, th); t.rotate(-Math.PI / 2); }
      default -> { }
    }
    return t;
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
