package io.funit.common.eval.protocol;

import io.funit.common.eval.judges.Judge;
import io.funit.common.eval.judges.Judges;

/**
 * The judges' outputs on one set of n images.
 *
 * @param all style_all (logits over every class, features for FID, maps for content distance when no content judge)
 * @param heldOut style_heldout (logits over the held-out classes)
 * @param content the content judge (glyph datasets), else null
 */
record Judged(Judge.Outputs all, Judge.Outputs heldOut, Judge.Outputs content) {
  static Judged of(Judges judges, float[] images, int n) {
    return new Judged(judges.styleAll().run(images, n), judges.styleHeldOut().run(images, n),
        judges.contentJudge().map(j -> j.run(images, n)).orElse(null));
  }

  /** The maps the content distance uses: the content judge's for glyphs, style_all's otherwise. */
  float[] contentMaps() {
    return content != null ? content.maps() : all.maps();
  }
}
