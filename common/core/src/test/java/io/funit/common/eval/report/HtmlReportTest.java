package io.funit.common.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.eval.report.EvaluationReport.GroupResult;
import io.funit.common.eval.report.EvaluationReport.JudgeSummary;
import io.funit.common.eval.report.EvaluationReport.KResult;
import io.funit.common.eval.report.EvaluationReport.MethodScores;
import io.funit.common.eval.report.EvaluationReport.MetricInfo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class HtmlReportTest {
  private static final List<Integer> K = List.of(1, 5, 20);

  @Test
  void pageIsWellFormedAndSelfContained() throws Exception {
    String html = HtmlReport.render(report("ds <b>fonts</b>", List.of("plain note")), grids());

    assertThat(html).startsWith("<!DOCTYPE html>");
    Document page = parse(html);
    assertThat(page.getDocumentElement().getNodeName()).isEqualTo("html");
    assertThat(html).doesNotContain("<script", "<link", "src=\"http", "href=\"http", "@import", "url(");
  }

  @Test
  void oneTablePerKWithEveryMethodAsARowAndEveryScoredMetricAsAColumn() throws Exception {
    Document page = parse(HtmlReport.render(report("ds", List.of()), grids()));

    NodeList tables = nodes(page, "//table[@class='scores']");
    assertThat(tables.getLength()).isEqualTo(K.size());
    for (int i = 0; i < K.size(); i++) {
      assertThat(tables.item(i).getAttributes().getNamedItem("data-k").getNodeValue()).isEqualTo(K.get(i).toString());
    }
    assertThat(nodes(page, "//table[@class='scores'][@data-k='5']/tbody/tr").getLength()).isEqualTo(4);
    // 1 method column + 3 scored metrics; gt_l1 is described but nobody scored it
    assertThat(nodes(page, "//table[@class='scores'][@data-k='5']/thead/tr/th").getLength()).isEqualTo(4);
    assertThat(text(page, "//table[@class='scores'][@data-k='5']/tbody/tr[1]/th")).isEqualTo("FUNIT");
  }

  @Test
  void bestValuePerColumnFollowsTheMetricsDirection() throws Exception {
    Document page = parse(HtmlReport.render(report("ds", List.of()), grids()));

    // column 2 = accuracy (higher is better): FUNIT; column 3 = content distance (lower is better): copy content
    String table = "//table[@class='scores'][@data-k='5']";
    assertThat(text(page, table + "/tbody/tr[td[1][contains(@class,'best')]]/th")).isEqualTo("FUNIT");
    assertThat(text(page, table + "/tbody/tr[td[2][contains(@class,'best')]]/th"))
        .isEqualTo("Copy content");
    assertThat(nodes(page, table + "//td[contains(@class,'best')]").getLength()).isEqualTo(3);
  }

  @Test
  void oneChartPerScoredMetricWithALineAndLegendEntryPerMethod() throws Exception {
    Document page = parse(HtmlReport.render(report("ds", List.of()), grids()));

    NodeList charts = nodes(page, "//section[@id='charts']//*[local-name()='svg']");
    assertThat(charts.getLength()).isEqualTo(3);
    assertThat(nodes(page, "(//section[@id='charts']//*[local-name()='svg'])[1]/*[local-name()='polyline']")
        .getLength()).isEqualTo(4);
    assertThat(nodes(page, "(//section[@id='charts']//*[local-name()='svg'])[1]/*[local-name()='rect']")
        .getLength()).isEqualTo(4);
    assertThat(text(page, "(//section[@id='charts']//*[local-name()='svg'])[1]")).contains("Styling only");
  }

  @Test
  void sampleGridsAreEmbeddedAsDataUris() throws Exception {
    Map<String, byte[]> grids = grids();
    String html = HtmlReport.render(report("ds", List.of()), grids);
    Document page = parse(html);

    NodeList images = nodes(page, "//section[@id='samples']//img");
    assertThat(images.getLength()).isEqualTo(2); // the third grid is named but was not stored
    String src = images.item(0).getAttributes().getNamedItem("src").getNodeValue();
    assertThat(src).startsWith("data:image/png;base64,");
    byte[] decoded = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
    assertThat(decoded).isEqualTo(grids.get("samples/k-1.png"));
    assertThat(ImageIO.read(new ByteArrayInputStream(decoded)).getWidth()).isEqualTo(6);
    assertThat(html).contains("(this grid was not stored)");
  }

  @Test
  void everyTextIsEscaped() throws Exception {
    String hostile = "<script>alert('x')</script> & \"q\"";
    String html = HtmlReport.render(report(hostile, List.of(hostile)), grids());

    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
        + "&quot;q&quot;");
    Document page = parse(html);
    assertThat(text(page, "//section[@id='notes']//li")).isEqualTo(hostile);
    assertThat(text(page, "//section[@id='judges']//tbody/tr[1]/td[6]")).isEqualTo(hostile);
  }

  @Test
  void oneStyleGroupTablePerKWithTheBestMethodOfEachRowMarked() throws Exception {
    Document page = parse(HtmlReport.render(report("ds", List.of()), grids()));

    assertThat(nodes(page, "//table[@class='groups']").getLength()).isEqualTo(K.size());
    String table = "//table[@class='groups'][@data-k='5']";
    assertThat(nodes(page, table + "/tbody/tr").getLength()).isEqualTo(2);
    // only top-1 (all) was scored by the groups: the fonts count, then one column per method
    assertThat(nodes(page, table + "/tbody/tr[1]/td").getLength()).isEqualTo(1 + 4);
    assertThat(text(page, table + "/tbody/tr[1]/td[1]")).isEqualTo("3");
    assertThat(text(page, table + "/tbody/tr[1]/td[contains(@class,'best')]")).isEqualTo("0.7000");
    assertThat(text(page, table + "/tbody/tr[2]/td[contains(@class,'best')]")).isEqualTo("0.5000");
    assertThat(text(page, table + "/tbody/tr[2]/td[3]")).as("a method the group lacks").isEqualTo("–");
  }

  @Test
  void aReportWithoutGroupsHasNoGroupSection() throws Exception {
    EvaluationReport full = report("ds", List.of());
    EvaluationReport old = new EvaluationReport(full.evaluation(), full.model(), full.dataset(), full.datasetName(),
        full.preset(), full.imageSize(), full.heldOutClasses(), full.contentsPerClass(), full.k(), full.seed(),
        full.createdAt(), full.seconds(), full.judges(), full.metrics(), full.results(), null, full.samples(),
        full.notes());

    assertThat(nodes(parse(HtmlReport.render(old, grids())), "//section[@id='groups']").getLength()).isZero();
  }

  @Test
  void judgesAndNotesAreListed() throws Exception {
    Document page = parse(HtmlReport.render(report("ds", List.of("judges are trained here", "second")), grids()));

    assertThat(nodes(page, "//section[@id='judges']//tbody/tr").getLength()).isEqualTo(2);
    assertThat(text(page, "//section[@id='judges']//tbody/tr[2]/td[5]")).isEqualTo("0.9120");
    assertThat(nodes(page, "//section[@id='notes']//li").getLength()).isEqualTo(2);
    assertThat(text(page, "//header")).contains("model-1", "font-32", "ds-1", "[1, 5, 20]");
  }

  @Test
  void baselineModelsAreRowsAfterFunitAndListedWithTheirModels() throws Exception {
    EvaluationReport plain = report("ds", List.of());
    // the paper's Table 1: StarGAN-Fair-K at every K, StarGAN-Unfair-K one model per K (here K = 5 only)
    List<KResult> results = plain.results().stream().map(r -> {
      List<MethodScores> methods = new java.util.ArrayList<>(r.methods());
      methods.add(scores("stargan_fair", 0.9, 0.5, 60.0));
      if (r.k() == 5) {
        methods.add(scores("stargan_unfair", 0.3, 0.5, 50.0));
      }
      return new KResult(r.k(), methods);
    }).toList();
    EvaluationReport report = new EvaluationReport(plain.evaluation(), plain.model(), plain.dataset(),
        plain.datasetName(), plain.preset(), plain.imageSize(), plain.heldOutClasses(), plain.contentsPerClass(),
        plain.k(), plain.seed(), plain.createdAt(), plain.seconds(), plain.judges(), plain.metrics(), results,
        plain.groups(), plain.samples(), plain.notes(), List.of(
            new EvaluationReport.BaselineModelInfo("stargan_fair", "sg-fair", "stargan", "stargan-32", null, 4_800L),
            new EvaluationReport.BaselineModelInfo("stargan_unfair", "sg-<5>", "stargan", "stargan-32", 5, null)));

    Document page = parse(HtmlReport.render(report, grids()));

    String table = "//table[@class='scores'][@data-k='5']";
    assertThat(List.of(text(page, table + "/tbody/tr[1]/th"), text(page, table + "/tbody/tr[2]/th"),
        text(page, table + "/tbody/tr[3]/th"), text(page, table + "/tbody/tr[4]/th")))
        .containsExactly("FUNIT", "stargan_fair", "stargan_unfair", "Copy content");
    assertThat(nodes(page, table + "/tbody/tr").getLength()).isEqualTo(6);
    assertThat(nodes(page, "//table[@class='scores'][@data-k='1']/tbody/tr").getLength()).isEqualTo(5);
    assertThat(text(page, table + "/tbody/tr[td[1][contains(@class,'best')]]/th")).as("best accuracy")
        .isEqualTo("stargan_fair");
    assertThat(nodes(page, "//section[@id='baseline-models']//tbody/tr").getLength()).isEqualTo(2);
    assertThat(text(page, "//section[@id='baseline-models']//tbody/tr[2]")).contains("sg-<5>", "stargan-32", "5");
    assertThat(text(page, "//section[@id='baseline-models']//tbody/tr[1]")).contains("every K", "4,800");
    assertThat(nodes(page, "(//section[@id='charts']//*[local-name()='svg'])[1]/*[local-name()='rect']")
        .getLength()).as("a legend entry per method").isEqualTo(6);
    assertThat(nodes(parse(HtmlReport.render(plain, grids())), "//section[@id='baseline-models']").getLength())
        .isZero();
  }

  @Test
  void fewShotClassificationIsATableOfKAndMethodByGeneratedImagesWithGains() throws Exception {
    EvaluationReport plain = report("fonts", List.of());
    List<EvaluationReport.ClassificationRow> rows = List.of(
        new EvaluationReport.ClassificationRow(EvaluationReport.REAL_ONLY, 1, 0, 0.25, null),
        new EvaluationReport.ClassificationRow(EvaluationReport.FUNIT, 1, 10, 0.375, 0.125),
        new EvaluationReport.ClassificationRow("stargan_fair", 1, 10, 0.2, -0.05));
    EvaluationReport report = new EvaluationReport(plain.evaluation(), plain.model(), plain.dataset(),
        plain.datasetName(), plain.preset(), plain.imageSize(), plain.heldOutClasses(), plain.contentsPerClass(),
        plain.k(), plain.seed(), plain.createdAt(), plain.seconds(), plain.judges(), plain.metrics(), plain.results(),
        plain.groups(), plain.samples(), plain.notes(), List.of(), new EvaluationReport.Classification(
            new JudgeSummary("style_source", 28, 500, 100, 0.7, "source only"), "nearest class mean", 12, 300,
            List.of(1), List.of(10), rows));

    Document page = parse(HtmlReport.render(report, grids()));

    String body = "//section[@id='classification']//tbody";
    assertThat(nodes(page, body + "/tr").getLength()).isEqualTo(3);
    assertThat(text(page, body + "/tr[1]")).contains("real images only", "25.0 %");
    assertThat(text(page, body + "/tr[2]")).contains("FUNIT", "37.5 % (+12.5)");
    assertThat(text(page, body + "/tr[3]")).contains("stargan_fair", "20.0 % (-5.0)");
    assertThat(text(page, "//section[@id='classification']/p")).contains("style_source", "28 source classes");
    assertThat(nodes(parse(HtmlReport.render(plain, grids())), "//section[@id='classification']").getLength())
        .isZero();
  }

  /** A report of 4 methods at K 1, 5, 20; FUNIT is best on accuracy, copy content on content distance. */
  private static EvaluationReport report(String text, List<String> notes) {
    List<KResult> results = K.stream().map(k -> new KResult(k, List.of(
        scores(EvaluationReport.FUNIT, 0.5 + k / 100.0, 0.30, 40.0 - k),
        scores(EvaluationReport.COPY_CONTENT, 0.10, 0.05, 90.0),
        scores(EvaluationReport.CLASS_MEAN, 0.20, 0.60, 70.0),
        scores(EvaluationReport.STYLING_ONLY, 0.15, 0.40, 35.0 - k)))).toList();
    return new EvaluationReport("eval-1", "model-1", "ds-1", text, "font-32", 32, 12, 10, K, 7,
        Instant.parse("2025-01-02T03:04:05Z"), 12.5,
        List.of(new JudgeSummary("style_all", 40, 800, 200, 0.85, text),
            new JudgeSummary("style_heldout", 12, 240, 60, 0.912, "held-out classes only")),
        List.of(new MetricInfo(EvaluationReport.ACC_ALL_TOP1, "Top-1 accuracy (all)", true, "judge says " + text),
            new MetricInfo(EvaluationReport.CONTENT_DISTANCE, "Content distance", false, "feature distance"),
            new MetricInfo(EvaluationReport.MEAN_CLASS_FID, "mFID", false, "per-class FID, averaged"),
            new MetricInfo(EvaluationReport.GT_L1, "Glyph L1", false, "fonts only")),
        results, groups(), List.of("samples/k-1.png", "samples/k-5.png", "samples/k-20.png"), notes);
  }

  /** Two style groups: class mean has the best top-1 among the serif fonts, FUNIT among the italic ones. */
  private static List<GroupResult> groups() {
    return List.of(new GroupResult("serif", 3, K.stream().map(k -> new KResult(k, List.of(
            new MethodScores(EvaluationReport.FUNIT, Map.of(EvaluationReport.ACC_ALL_TOP1, 0.6)),
            new MethodScores(EvaluationReport.COPY_CONTENT, Map.of(EvaluationReport.ACC_ALL_TOP1, 0.1)),
            new MethodScores(EvaluationReport.CLASS_MEAN, Map.of(EvaluationReport.ACC_ALL_TOP1, 0.7)),
            new MethodScores(EvaluationReport.STYLING_ONLY, Map.of(EvaluationReport.ACC_ALL_TOP1, 0.2))))).toList()),
        new GroupResult("italic", 2, K.stream().map(k -> new KResult(k, List.of(
            new MethodScores(EvaluationReport.FUNIT, Map.of(EvaluationReport.ACC_ALL_TOP1, 0.5)),
            new MethodScores(EvaluationReport.CLASS_MEAN, Map.of(EvaluationReport.ACC_ALL_TOP1, 0.2))))).toList()));
  }

  private static MethodScores scores(String method, double accuracy, double distance, double fid) {
    return new MethodScores(method, Map.of(EvaluationReport.ACC_ALL_TOP1, accuracy,
        EvaluationReport.CONTENT_DISTANCE, distance, EvaluationReport.MEAN_CLASS_FID, fid));
  }

  private static Map<String, byte[]> grids() throws Exception {
    return Map.of("samples/k-1.png", png(6), "samples/k-5.png", png(7));
  }

  private static byte[] png(int width) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(width, 4, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  /** The page parsed as XML (the doctype line dropped): fails on any unbalanced tag or bad entity. */
  private static Document parse(String html) throws Exception {
    String xml = html.substring(html.indexOf('\n') + 1);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static NodeList nodes(Document page, String xpath) throws Exception {
    return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
  }

  private static String text(Document page, String xpath) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(xpath, page).trim();
  }
}
