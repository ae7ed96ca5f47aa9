package io.funit.common.eval.judges;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.bank.ImageBank;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The judges a dataset gets and the data each learns from. */
public final class JudgeTasks {
  public static final String STYLE_ALL = "style_all";
  public static final String STYLE_HELDOUT = "style_heldout";
  public static final String CONTENT = "content";
  /** The source classes only: features for few-shot classification of classes it never saw (not a scoring judge). */
  public static final String STYLE_SOURCE = "style_source";

  private JudgeTasks() {}

  /** style_all and style_heldout for every dataset, content for glyph datasets. */
  public static List<JudgeTask> of(DatasetManifest dataset, ImageBank bank, JudgeBudget budget) {
    List<JudgeTask> tasks = new ArrayList<>();
    tasks.add(style(STYLE_ALL, dataset.classes(), bank, budget, "all " + dataset.classes().size()
        + " classes (training and held-out); label = the class's index in the dataset"));
    tasks.add(style(STYLE_HELDOUT, dataset.split(DatasetManifest.SPLIT_TEST), bank, budget, "the "
        + dataset.split(DatasetManifest.SPLIT_TEST).size() + " held-out classes only; label = position among them"));
    if (DatasetManifest.KIND_FONTS.equals(dataset.kind())) {
      tasks.add(content(dataset, bank));
    }
    return tasks;
  }

  /**
   * style_source: the training classes only (label = position in the training split), so that its features know
   * nothing of the held-out classes a few-shot classifier is then trained and tested on.
   */
  public static JudgeTask source(DatasetManifest dataset, ImageBank bank, JudgeBudget budget) {
    List<DatasetClass> train = dataset.split(DatasetManifest.SPLIT_TRAIN);
    return style(STYLE_SOURCE, train, bank, budget, "the " + train.size() + " training (source) classes only; "
        + "label = position among them");
  }

  /**
   * A style judge: each class's images shuffled by seed, the first {@code trainFraction} trained on, the rest
   * tested (at least one each). Both style judges split a class the same way.
   */
  static JudgeTask style(String name, List<DatasetClass> classes, ImageBank bank, JudgeBudget budget,
      String description) {
    IdList train = new IdList();
    IdList test = new IdList();
    for (int label = 0; label < classes.size(); label++) {
      DatasetClass c = classes.get(label);
      int n = bank.count(c.index());
      int[] order = shuffled(n, new SplittableRandom(budget.seed() * 1_000_003L + c.index()));
      int cut = Math.max(1, Math.min(n - 1, (int) Math.round(n * budget.trainFraction())));
      for (int i = 0; i < n; i++) {
        (i < cut ? train : test).add(bank.id(c.index(), order[i]), label);
      }
    }
    return new JudgeTask(name, classes.size(), train.ids(), train.labels(), test.ids(), test.labels(),
        "small CNN trained from scratch on " + description + "; tested on the "
            + Math.round(100 * (1 - budget.trainFraction())) + " % of each class's images it never saw");
  }

  /**
   * The character reader: label = the character (image i of every font is content i). It trains on the training
   * fonts and is tested on the held-out fonts, so its accuracy is that on unseen styles, as translations are.
   */
  static JudgeTask content(DatasetManifest dataset, ImageBank bank) {
    IdList train = new IdList();
    IdList test = new IdList();
    int characters = dataset.contents().size();
    for (DatasetClass c : dataset.classes()) {
      boolean held = DatasetManifest.SPLIT_TEST.equals(c.split());
      for (int i = 0; i < Math.min(characters, bank.count(c.index())); i++) {
        (held ? test : train).add(bank.id(c.index(), i), i);
      }
    }
    return new JudgeTask(CONTENT, characters, train.ids(), train.labels(), test.ids(), test.labels(),
        "small CNN trained from scratch to read the " + characters + " characters in the training fonts; tested on"
            + " every glyph of the held-out fonts");
  }

  static int[] shuffled(int n, SplittableRandom random) {
    int[] order = java.util.stream.IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Growing parallel lists of ids and labels. */
  private static final class IdList {
    private final List<int[]> pairs = new ArrayList<>();

    void add(int id, int label) {
      pairs.add(new int[] {id, label});
    }

    int[] ids() {
      return pairs.stream().mapToInt(p -> p[0]).toArray();
    }

    int[] labels() {
      return pairs.stream().mapToInt(p -> p[1]).toArray();
    }
  }
}
