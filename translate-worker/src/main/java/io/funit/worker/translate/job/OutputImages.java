package io.funit.worker.translate.job;

import io.funit.common.imaging.ImageBytes;
import io.funit.common.imaging.ImagePlanes;

/** Encodes translations as PNG or JPEG, gray for models of gray data (fonts), RGB otherwise. */
final class OutputImages {
  private OutputImages() {}

  static byte[] encode(float[] images, int index, int size, boolean gray, String format) {
    return ImageBytes.encode(ImagePlanes.toImage(images, index, size, gray), format.equals("jpeg") ? "jpeg" : "png");
  }

  static String contentType(String format) {
    return format.equals("jpeg") ? "image/jpeg" : "image/png";
  }
}
