package io.funit.common.eval.protocol;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.bank.Progress;
import io.funit.common.eval.baselines.Baselines;
import io.funit.common.eval.judges.Judges;
import io.funit.common.eval.metrics.ContentDistance;
import io.funit.common.eval.report.EvaluationReport.GroupResult;
import io.funit.common.eval.report.EvaluationReport.KResult;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.models.FewShotTranslator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the draws: per held-out class, the model's translations at every K and the baselines on the same images,
 * judged and scored per (K, method); then one sample grid per K. The class loop is the outer one so that a class's
 * content and class-image codes are computed once for every K (the results are the same as a K-major loop).
 */
public final class Protocol {
  /** Principal components the per-class FID keeps at most (fewer when a class has fewer samples). */
  static final int FID_DIMS = 32;

  private Protocol() {}

  /**
   * @param results per K, the scores of every method (only the {@code wanted} keys)
   * @param groups the same per style group of the held-out fonts (empty when the classes name no faces)
   * @param grids per K, the sample grid (PNG)
   * @param fidDims the dimensions the FID was computed in (0 without judges)
   */
  public record Result(List<KResult> results, List<GroupResult> groups, List<byte[]> grids, int fidDims) {}

  public static Result run(FewShotTranslator generator, DatasetManifest dataset, ImageBank bank, Judges judges,
      List<Integer> ks, List<Draws.ClassDraws> plan, Set<String> wanted, int sampleColumns,
      Progress progress) {
    boolean gray = "gray".equals(dataset.color());
    int contents = plan.get(0).draws().size();
    RealFeatures reals = judges == null ? null : RealFeatures.of(judges.styleAll(), bank, plan, FID_DIMS, contents);
    int mapChannels = judges == null ? 0 : mapChannels(judges);
    int mapPlane = judges == null ? 0 : mapPlane(judges);
    List<Map<String, ScoreSheet>> sheets = new ArrayList<>();
    List<SampleGrid> grids = new ArrayList<>();
    int columns = Math.min(sampleColumns, plan.size());
    for (int k : ks) {
      Map<String, ScoreSheet> byMethod = new LinkedHashMap<>();
      for (String method : EvaluationReport.METHODS) {
        byMethod.put(method, new ScoreSheet(plan.size(), mapChannels, mapPlane, reals == null ? null : reals.pca(),
            true));
      }
      sheets.add(byMethod);
      grids.add(new SampleGrid(bank.size(), k, columns, DatasetManifest.KIND_FONTS.equals(dataset.kind())));
    }
    GroupSheets groups = GroupSheets.of(plan, ks.size(), () -> new ScoreSheet(plan.size(), mapChannels, mapPlane,
        reals == null ? null : reals.pca(), false));
    int stride = bank.stride();
    for (int h = 0; h < plan.size(); h++) {
      Draws.ClassDraws cd = plan.get(h);
      List<Draws.Draw> draws = cd.draws();
      int n = draws.size();
      float[] content = bank.load(draws.stream().mapToInt(Draws.Draw::contentId).toArray());
      boolean fonts = draws.get(0).truthId() >= 0;
      float[] truth = fonts ? bank.load(draws.stream().mapToInt(Draws.Draw::truthId).toArray()) : null;
      Judged contentJudged = judges == null ? null : Judged.of(judges, content, n);
      double[][] contentMaps = null;
      if (contentJudged != null) {
        contentMaps = new double[n][];
        for (int i = 0; i < n; i++) {
          contentMaps[i] = ContentDistance.normalize(contentJudged.contentMaps(), i, mapChannels, mapPlane);
        }
      }
      ClassContext context = new ClassContext(cd.target().index(), cd.heldOutLabel(),
          fonts ? draws.stream().mapToInt(Draws.Draw::character).toArray() : null, truth, contentMaps,
          reals == null ? null : reals.of(h));
      try (Translator translator = new Translator(generator, bank, gray, cd)) {
        for (int ki = 0; ki < ks.size(); ki++) {
          int k = ks.get(ki);
          float[] funit = translator.translate(draws, ki);
          float[] mean = new float[n * stride];
          float[] styling = new float[n * stride];
          float[] firstShots = null;
          for (int i = 0; i < n; i++) {
            float[] shots = bank.load(draws.get(i).shots()[ki]);
            Baselines.classMean(shots, 0, k, mean, i * stride, stride);
            Baselines.stylingOnly(content, i * stride, shots, 0, k, 3, stride / 3, styling, i * stride);
            if (i == 0) {
              firstShots = shots;
            }
          }
          Map<String, float[]> outputs = Map.of(EvaluationReport.FUNIT, funit, EvaluationReport.COPY_CONTENT, content,
              EvaluationReport.CLASS_MEAN, mean, EvaluationReport.STYLING_ONLY, styling);
          for (String method : EvaluationReport.METHODS) {
            List<ScoreSheet> fed = new ArrayList<>(groups.sheets(h, ki, method));
            fed.add(sheets.get(ki).get(method));
            float[] images = outputs.get(method);
            // the content images were judged once for the content distance; the others are judged here, once
            Judged judged = method.equals(EvaluationReport.COPY_CONTENT) ? contentJudged
                : judges == null ? null : Judged.of(judges, images, n);
            fed.forEach(sheet -> sheet.add(images, n, 3, bank.size(), judged, context));
          }
          if (h < columns) {
            grids.get(ki).set(h, first(content, stride), firstShots, first(funit, stride), first(mean, stride),
                first(styling, stride), truth == null ? null : first(truth, stride));
          }
        }
      }
      progress.step(h + 1, plan.size(), "translated and scored held-out class " + (h + 1) + " of " + plan.size());
    }
    List<KResult> results = ScoreSheet.results(ks, sheets, wanted::contains);
    return new Result(results, groups.results(ks, wanted), grids.stream().map(SampleGrid::png).toList(),
        reals == null ? 0 : reals.pca().dims());
  }

  private static float[] first(float[] images, int stride) {
    return java.util.Arrays.copyOf(images, stride);
  }

  private static int mapChannels(Judges judges) {
    var config = judges.contentJudge().orElse(judges.styleAll()).config();
    return config.widths().get(config.mapStage());
  }

  private static int mapPlane(Judges judges) {
    var config = judges.contentJudge().orElse(judges.styleAll()).config();
    int side = config.inputSize() >> config.mapStage();
    return side * side;
  }
}
