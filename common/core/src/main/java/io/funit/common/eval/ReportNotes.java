package io.funit.common.eval;

import io.funit.common.dataset.DatasetManifest;
import java.util.ArrayList;
import java.util.List;

/** The report's notes: how this evaluation differs from the paper's protocol (spec §6) and what it lowered. */
final class ReportNotes {
  private ReportNotes() {}

  static List<String> of(DatasetManifest dataset, EvalRequest request, int contents, int fidDims) {
    boolean fonts = DatasetManifest.KIND_FONTS.equals(dataset.kind());
    List<String> notes = new ArrayList<>();
    notes.add("Judges: the paper fine-tunes ImageNet-pretrained Inception-v3 networks (one on all classes, one on"
        + " the test classes) and measures content with VGG conv5 features. Here the judges are small CNNs (4"
        + " conv–batch-norm–ReLU stages, 128 features) trained from scratch on this dataset at the model's"
        + " resolution, within a few minutes of CPU time; their own test accuracy is listed with them. Scores"
        + " therefore rank methods on this dataset; they are not comparable with the paper's numbers.");
    notes.add("mFID is computed on style_all's pooled features projected on " + fidDims + " principal"
        + " components of the held-out classes' real features (too few images per class for a full-rank"
        + " covariance in 256-d). It is not comparable with published FIDs (Inception-v3, 2048-d, thousands of"
        + " images). The IS-style score uses style_heldout only (the paper reports IS-all and IS-test).");
    notes.add("Content images: the paper translates 25,000 content images from the source classes into every target"
        + " class. Here each held-out class gets its own " + contents + " content images (request: "
        + request.contents() + " per class; lowered to at most 6,000 translations per K"
        + (fonts ? " and to the number of characters" + (request.fixedShotSets() ? " outside the largest shot set"
        : "") : "") + "), " + (request.fixedShotSets() ? "all with the class's one K-set (shot_sets fixed: the K"
        + " images a StarGAN-Unfair-K dataset adds for the class; the sets are nested, the K = 1 set inside the next)"
        : "each with its own K class images") + "; the same draws serve every method, and the content images are the"
        + " same at every K.");
    if (fonts) {
      notes.add("Glyphs: the content image is character c of a random training font, the K class images are other"
          + " glyphs of the held-out font (never c), and the ground truth is the held-out font's glyph c. Outputs"
          + " are compared in gray (the dataset's colour model). The content judge reads characters; it was"
          + " trained on the training fonts and tested on the held-out fonts.");
    }
    notes.add("Baselines: copy_content returns the content image (it does not depend on K); class_mean is the pixel"
        + " mean of the K class images; styling_only matches each channel's mean and standard deviation of the"
        + " content image to those of the K class images' pixels.");
    if (!request.baselines().isEmpty()) {
      notes.add("Baseline models: " + String.join(", ", request.baselines().stream().map(b -> b.name() + " = "
          + b.model() + (b.k() == null ? "" : " at K = " + b.k())).toList()) + ". Each translates the same content"
          + " images with the same K class images as the evaluated model. A StarGAN model (docs/stargan.md) turns the"
          + " K class images into a target-domain vector from its discriminator's features: a softmax over its"
          + " training domains' similarities (Fair-K), or the one most similar domain (Unfair-K, whose training set"
          + " held the target class's images).");
    }
    if (request.classification() != null) {
      notes.add("Few-shot classification: per held-out class its K-set (fixed, nested over K) are the real training"
          + " images and its other images (of its first 200) the test images; each model generates N images per"
          + " class from random source-class content images with those K images. The features come from a judge"
          + " trained on the source classes only (style_source): the style judges above also saw the held-out"
          + " classes, which would make a held-out class easy to recognise and hide what the generated images add;"
          + " the paper uses a network trained on the source classes for the same reason. The classifier is the"
          + " nearest class mean (cosine) rather than the paper's trained linear classifier: it needs no training"
          + " of its own, so the gain measured is the generated images'.");
    }
    return notes;
  }
}
