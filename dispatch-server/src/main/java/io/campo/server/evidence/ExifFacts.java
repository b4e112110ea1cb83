package io.campo.server.evidence;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;

/**
 * What a photo's EXIF says about when and where it was taken, read with metadata-extractor. Every part is optional:
 * screenshots, PNG drawings and files passed through a messenger carry none.
 *
 * @param takenAt the shutter time ({@code DateTimeOriginal}); EXIF stores a wall-clock time, so it is read in the
 *     photo's own offset ({@code OffsetTimeOriginal}) when it has one, else in the agency's zone (phones rarely leave
 *     it); the GPS fix's UTC time when there is no original time
 * @param lat degrees WGS84, null when the photo has no GPS position (or a 0,0 placeholder)
 * @param lon degrees WGS84, null with {@code lat}
 * @param orientation EXIF orientation 1..8 (1: as stored), so a preview is turned the way the camera was held
 */
public record ExifFacts(Instant takenAt, Double lat, Double lon, int orientation) {

  public static final ExifFacts NONE = new ExifFacts(null, null, null, 1);

  /** Reads the facts; a file whose metadata cannot be parsed has none (the image itself is checked elsewhere). */
  public static ExifFacts read(byte[] image, ZoneId agencyZone) {
    Metadata metadata;
    try {
      metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
    } catch (ImageProcessingException | IOException | RuntimeException e) {
      return NONE;
    }
    Instant takenAt = null;
    ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
    if (exif != null) {
      Date original = exif.getDateOriginal(TimeZone.getTimeZone(agencyZone));
      takenAt = original == null ? null : original.toInstant();
    }
    Double lat = null;
    Double lon = null;
    GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
    if (gps != null) {
      GeoLocation at = gps.getGeoLocation();
      if (at != null && !at.isZero() && Math.abs(at.getLatitude()) <= 90 && Math.abs(at.getLongitude()) <= 180) {
        lat = at.getLatitude();
        lon = at.getLongitude();
      }
      if (takenAt == null && gps.getGpsDate() != null) {
        takenAt = gps.getGpsDate().toInstant();
      }
    }
    int orientation = 1;
    ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
    if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
      try {
        int o = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
        orientation = o >= 1 && o <= 8 ? o : 1;
      } catch (MetadataException e) {
        orientation = 1;
      }
    }
    return new ExifFacts(takenAt, lat, lon, orientation);
  }
}
