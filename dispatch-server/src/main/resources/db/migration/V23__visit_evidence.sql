-- Visit evidence (issue #14): what the photo itself says about when and where it was taken, a small preview for the
-- office, and the debtor's signature beside the door and receipt photos.

-- taken_at, lat, lon come from the image's EXIF (null when it has none: screenshots, stripped files, most PNGs). They
-- are the device's claim, kept as evidence beside the visit's own check-in, never used to judge the visit.
ALTER TABLE visit_photo ADD COLUMN taken_at timestamptz;
ALTER TABLE visit_photo ADD COLUMN lat double precision CHECK (lat BETWEEN -90 AND 90);
ALTER TABLE visit_photo ADD COLUMN lon double precision CHECK (lon BETWEEN -180 AND 180);
-- A JPEG of about 320 px on the long side, made once at upload, so the office lists a visit's evidence without
-- downloading megabytes per photo.
ALTER TABLE visit_photo ADD COLUMN thumbnail bytea;
ALTER TABLE visit_photo ADD COLUMN width integer CHECK (width > 0);
ALTER TABLE visit_photo ADD COLUMN height integer CHECK (height > 0);

ALTER TABLE visit_photo DROP CONSTRAINT visit_photo_kind_check;
ALTER TABLE visit_photo ADD CONSTRAINT visit_photo_kind_check CHECK (kind IN ('door', 'receipt', 'signature'));
-- A signature is a drawing on the phone's canvas: always PNG.
ALTER TABLE visit_photo ADD CONSTRAINT visit_photo_signature_png CHECK (kind <> 'signature' OR content_type = 'image/png');
