package io.funit.common.eval;

/**
 * A registered model an evaluation scores beside its own, on the same draws: the paper's Table 1 puts FUNIT,
 * StarGAN-Fair-K and StarGAN-Unfair-K (one model per K) in one table. Entries that share a {@code name} are one row
 * of the report; an entry with a {@code k} applies at that K only (Unfair-K: a model trained with that K's images).
 * {@link EvalRequest} checks the entries, so that a bad one is refused with its index.
 *
 * @param name the report's row, e.g. {@code stargan_fair}
 * @param model the model's id
 * @param k the one K this model is scored at; null: every K of the request
 */
public record BaselineModel(String name, String model, Integer k) {
  /** A row name: lowercase words joined by '_', as the built-in methods are named. */
  static final String NAME_PATTERN = "[a-z][a-z0-9_]{0,31}";

  /** Whether this entry is scored at {@code shots}. */
  public boolean appliesAt(int shots) {
    return k == null || k == shots;
  }
}
