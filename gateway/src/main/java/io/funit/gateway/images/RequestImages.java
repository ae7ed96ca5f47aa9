package io.funit.gateway.images;

import io.funit.common.dataset.imports.ImageValidator;
import io.funit.common.dataset.imports.ImageValidator.ValidImage;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.translate.TranslationLimits;
import io.funit.gateway.http.FormFile;
import io.funit.gateway.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The images of a translation or style request, checked before anything is stored: every uploaded file and every
 * named object goes through the {@link ImageValidator} (format, dimensions read from the header before decoding,
 * a full decode without truncation) within the {@link TranslationLimits}. A bad one fails the whole request with a
 * 400 whose field names it by position ({@code content[0]}, {@code class_keys[3]}). All methods block.
 */
public final class RequestImages {
  /** Objects a request may use as an image: a job's uploads, a job's results, a style's class images. */
  private static final Pattern IMAGE_KEY =
      Pattern.compile("(inputs|outputs|styles)/[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}){1,4}");

  private final ObjectStore store;
  private final ImageValidator validator;
  private final long maxImageBytes;

  public RequestImages(ObjectStore store, TranslationLimits limits) {
    this.store = store;
    this.validator = new ImageValidator(limits.imageLimits());
    this.maxImageBytes = limits.maxImageBytes();
  }

  /** Refuses file fields the route does not read, so a misspelt field is not silently ignored. */
  public static void onlyFileFields(RoutingContext ctx, Set<String> known) {
    for (FormFile file : FormFile.all(ctx)) {
      if (!known.contains(file.field())) {
        throw ProblemException.badRequest(file.field(), "unexpected file field '" + file.field() + "'; expected "
            + known.stream().sorted().toList());
      }
    }
  }

  /** Validates uploaded files in order; the first bad one is a 400 naming {@code field[i]} and the file. */
  public List<ValidImage> uploads(String field, List<FormFile> files) {
    List<ValidImage> images = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      FormFile file = files.get(i);
      String name = field + "[" + i + "]";
      String label = "'" + file.fileName() + "' (" + name + ")";
      // the size first: an oversized file is refused without reading it into memory
      if (file.size() > maxImageBytes) {
        throw ProblemException.badRequest(name, label + ": too large: " + file.size() + " bytes (limit "
            + maxImageBytes + ")");
      }
      images.add(validate(name, label, file.bytes()));
    }
    return images;
  }

  /** Checks that every key names a stored object within the size limit (the worker validates its content). */
  public void exist(String field, List<String> keys) {
    for (int i = 0; i < keys.size(); i++) {
      stat(field + "[" + i + "]", keys.get(i));
    }
  }

  /** Reads and validates stored images, e.g. to make a style of earlier uploads. */
  public List<ValidImage> stored(String field, List<String> keys) {
    List<ValidImage> images = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      String name = field + "[" + i + "]";
      String key = keys.get(i);
      if (key == null || !IMAGE_KEY.matcher(key).matches()) {
        throw ProblemException.badRequest(name, "must be a stored image under inputs/, outputs/ or styles/, got '"
            + key + "'");
      }
      stat(name, key);
      images.add(validate(name, "'" + key + "' (" + name + ")", store.readBytes(key, (int) maxImageBytes)));
    }
    return images;
  }

  private ObjectInfo stat(String name, String key) {
    Optional<ObjectInfo> info = store.stat(key);
    if (info.isEmpty()) {
      throw ProblemException.badRequest(name, "nothing is stored at '" + key + "'");
    }
    if (info.get().size() > maxImageBytes) {
      throw ProblemException.badRequest(name, "'" + key + "' is too large: " + info.get().size() + " bytes (limit "
          + maxImageBytes + ")");
    }
    return info.get();
  }

  /** Checks one image read from elsewhere (a dataset's shard): a bad one is a 400 naming {@code field}. */
  public ValidImage check(String field, String label, byte[] bytes) {
    return validate(field, label, bytes);
  }

  private ValidImage validate(String name, String label, byte[] bytes) {
    try {
      return validator.validate(bytes);
    } catch (ImageValidator.RejectedFile e) {
      throw ProblemException.badRequest(name, label + ": " + e.getMessage());
    }
  }

  /** The media type an image is stored and served with. */
  public static String contentType(String extension) {
    return extension.equals("png") ? "image/png" : "image/jpeg";
  }
}
