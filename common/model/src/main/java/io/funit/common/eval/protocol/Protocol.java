package io.funit.common.eval.protocol;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.bank.Progress;
import io.funit.common.eval.baselines.Baselines;
import io.funit.common.eval.judges.Judges;
import io.funit.common.eval.metrics.ContentDistance;
import io.funit.common.eval.metrics.FeatureDistance;
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
 * Runs the draws: per held-out class, the translations of the model and of the baseline models at every K and the
 * simple baselines on the same images, judged and scored per (K, method); then one sample grid per K. The class loop
 * is the outer one so that a class's content and class-image codes are computed once for every K (the results are
 * the same as a K-major loop).
 */
public final class Protocol {
  /** Principal components the per-class FID keeps at most (fewer when a class has fewer samples). */
  static final int FID_DIMS = 32;
  /** The methods every report has after the models, computed from the draws alone. */
  static final List<String> SIMPLE_BASELINES = List.of(EvaluationReport.COPY_CONTENT, EvaluationReport.CLASS_MEAN,
      EvaluationReport.STYLING_ONLY);

  private Protocol() {}

  /**
   * A model the protocol translates with: the evaluated one ({@code funit}) or a baseline model of the request.
   *
   * @param name its method name in the report
   * @param translator the model
   * @param k the one K it is scored at; null: every K
   */
  public record Method(String name, FewShotTranslator translator, Integer k) {
    boolean appliesAt(int shots) {
      return k == null || k == shots;
    }
  }

  /**
   * @param results per K, the scores of every method (only the {@code wanted} keys)
   * @param groups the same per style group of the held-out fonts (empty when the classes name no faces)
   * @param grids per K, the sample grid (PNG)
   * @param fidDims the dimensions the FID was computed in (0 without judges)
   */
  public record Result(List<KResult> results, List<GroupResult> groups, List<byte[]> grids, int fidDims) {}

  /**
   * @param models the evaluated model first, then the baseline models; every one translates the same draws
   */
  public static Result run(List<Method> models, DatasetManifest dataset, ImageBank bank, Judges judges,
      List<Integer> ks, List<Draws.ClassDraws> plan, Set<String> wanted, int sampleColumns, Progress progress) {
    boolean gray = "gray".equals(dataset.color());
    int contents = plan.get(0).draws().size();
    RealFeatures reals = judges == null ? null : RealFeatures.of(judges.styleAll(), bank, plan, FID_DIMS, contents);
    int mapChannels = judges == null ? 0 : mapChannels(judges);
    int mapPlane = judges == null ? 0 : mapPlane(judges);
    List<List<String>> methodsPerK = new ArrayList<>();
    List<Map<String, ScoreSheet>> sheets = new ArrayList<>();
    List<SampleGrid> grids = new ArrayList<>();
    int columns = Math.min(sampleColumns, plan.size());
    for (int k : ks) {
      List<Method> atK = models.stream().filter(m -> m.appliesAt(k)).toList();
      List<String> methods = new ArrayList<>(atK.stream().map(Method::name).distinct().toList());
      methods.addAll(SIMPLE_BASELINES);
      methodsPerK.add(methods);
      Map<String, ScoreSheet> byMethod = new LinkedHashMap<>();
      for (String method : methods) {
        byMethod.put(method, new ScoreSheet(plan.size(), mapChannels, mapPlane, reals == null ? null : reals.pca(),
            true));
      }
      sheets.add(byMethod);
      grids.add(new SampleGrid(bank.size(), k, columns, atK.stream().map(m -> rowLabel(m.name())).toList(),
          DatasetManifest.KIND_FONTS.equals(dataset.kind())));
    }
    GroupSheets groups = GroupSheets.of(plan, methodsPerK, () -> new ScoreSheet(plan.size(), mapChannels, mapPlane,
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
          reals == null ? null : reals.of(h),
          truth == null || judges == null ? null
              : FeatureDistance.normalizedRows(judges.styleAll().run(truth, n).features(), n));
      List<Translator> translators = new ArrayList<>();
      try {
        for (Method model : models) {
          translators.add(new Translator(model.translator(), bank, gray, cd,
              model.k() == null ? -1 : ks.indexOf(model.k())));
        }
        for (int ki = 0; ki < ks.size(); ki++) {
          int k = ks.get(ki);
          Map<String, float[]> outputs = new LinkedHashMap<>();
          for (int m = 0; m < models.size(); m++) {
            if (models.get(m).appliesAt(k)) {
              outputs.put(models.get(m).name(), translators.get(m).translate(draws, ki));
            }
          }
          List<float[]> modelFirsts = outputs.values().stream().map(images -> first(images, stride)).toList();
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
          outputs.put(EvaluationReport.COPY_CONTENT, content);
          outputs.put(EvaluationReport.CLASS_MEAN, mean);
          outputs.put(EvaluationReport.STYLING_ONLY, styling);
          for (String method : methodsPerK.get(ki)) {
            List<ScoreSheet> fed = new ArrayList<>(groups.sheets(h, ki, method));
            fed.add(sheets.get(ki).get(method));
            float[] images = outputs.get(method);
            // the content images were judged once for the content distance; the others are judged here, once
            Judged judged = method.equals(EvaluationReport.COPY_CONTENT) ? contentJudged
                : judges == null ? null : Judged.of(judges, images, n);
            fed.forEach(sheet -> sheet.add(images, n, 3, bank.size(), judged, context));
          }
          if (h < columns) {
            grids.get(ki).set(h, first(content, stride), firstShots, modelFirsts, first(mean, stride),
                first(styling, stride), truth == null ? null : first(truth, stride));
          }
        }
      } finally {
        // last opened, first closed: each restores the grad mode its thread had before it
        for (int t = translators.size() - 1; t >= 0; t--) {
          translators.get(t).close();
        }
      }
      progress.step(h + 1, plan.size(), "translated and scored held-out class " + (h + 1) + " of " + plan.size());
    }
    List<KResult> results = ScoreSheet.results(ks, sheets, wanted::contains);
    return new Result(results, groups.results(ks, wanted), grids.stream().map(SampleGrid::png).toList(),
        reals == null ? 0 : reals.pca().dims());
  }

  /** The evaluated model's row is FUNIT's; a baseline model's shows its name. */
  private static String rowLabel(String method) {
    return method.equals(EvaluationReport.FUNIT) ? "FUNIT" : method;
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
