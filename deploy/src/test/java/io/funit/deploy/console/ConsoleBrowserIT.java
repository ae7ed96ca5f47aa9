package io.funit.deploy.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.embedded.FreePorts;
import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.deploy.up.EmbeddedStack;
import io.funit.deploy.up.Installation;
import io.funit.deploy.up.StackLayout;
import io.funit.deploy.up.WorkerCounts;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in real Chromium against the stack {@code ./funit up} runs (the real jars as child processes,
 * embedded Kafka and S3, the shipped model as the default), with only the gateway URL and API key it prints: sign in,
 * complete a font from five glyphs of a face the model never saw, type a word, see bad files named, build a font
 * dataset, train on it and watch the progress bar and a sample grid, evaluate and read the report. Every test fails
 * on a console error or failed request it did not provoke, and leaves a screenshot in {@code target/console/}.
 * Skipped, with the reason, where Chromium or chromium-driver is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  private static final Path SHOTS = Path.of("target", "console");
  private static final String GLYPHS = "AgRe7";

  private Path tmp;
  private EmbeddedStack stack;
  private Browser browser;
  private WebDriver driver;
  private ModelCard shipped;
  private String datasetId;
  private long signedInAtNanos;
  /** Errors a test provokes on purpose (a refused request shows in the log as a failed load). */
  private final List<String> expectedErrors = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    tmp = dir;
    String missing = Browser.missing();
    Assumptions.assumeTrue(missing == null, () -> "browser tests skipped: " + missing);
    shipped = Json.MAPPER.readValue(Path.of("..", "models", "default", ModelRegistry.CARD).toFile(), ModelCard.class);
    StackLayout layout = new StackLayout(tmp.resolve("data"), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
        FreePorts.pick(), WorkerCounts.parse("translate=1,train=1,eval=1"), 180);
    // judges train for seconds, not the default budget: the report is what is looked at here
    stack = EmbeddedStack.start(layout, new Installation(Path.of("..").toAbsolutePath().normalize()),
        Map.of("FUNIT_EVAL_JUDGE_SECONDS", "10", EmbeddedStack.REBUILD_DATASET, "false"));
    HttpClient http = HttpClient.newHttpClient();
    for (String url : stack.workerUrls().values()) { // the translate worker is ready once the default model is loaded
      // a worker opens its port a while after the gateway is ready (the niced train and eval workers later still):
      // a refused connection is "not yet"
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(URI.create(url + "/readyz")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
    browser = new Browser(tmp.resolve("profile"), 1280, 1000);
    driver = browser.driver;
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @AfterEach
  void noUnexpectedErrors(TestInfo test) throws Exception {
    browser.screenshot(SHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"));
    List<String> errors = browser.errors(message -> expectedErrors.stream().anyMatch(message::contains));
    expectedErrors.clear();
    assertThat(errors).as("console errors and failed requests").isEmpty();
  }

  @Test
  @Order(1)
  void signInWithTheKeyThatUpPrints() {
    driver.get(stack.gatewayUrl() + "/");
    WebElement key = waitFor(By.id("api-key"));
    key.sendKeys("fk_not-a-key");
    driver.findElement(By.id("sign-in")).click();
    expectedErrors.add("status of 401");
    WebElement error = waitFor(By.cssSelector("#errors .field"));
    assertThat(error.getText()).isEqualTo("key");
    assertThat(key.getAttribute("aria-invalid")).isEqualTo("true");

    key.clear();
    key.sendKeys(stack.apiKey());
    signedInAtNanos = System.nanoTime();
    driver.findElement(By.id("sign-in")).click();
    waitFor(By.id("complete"));
    assertThat(driver.findElement(By.id("nav")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("model-card")).getText()).contains(shipped.contentFont().face())
        .contains("held-out L1 0.1665");
    assertThat((String) browser.script("return sessionStorage.getItem('funit.apiKey')")).isEqualTo(stack.apiKey());
    assertThat(driver.getCurrentUrl()).doesNotContain(stack.apiKey());
  }

  @Test
  @Order(2)
  void completeAFontFromFiveGlyphsOfAFaceTheModelNeverSaw() throws Exception {
    Font face = unseenFace();
    assertThat(shipped.classesSeen()).as("the face is not a training font").doesNotContain(face.getFontName());
    List<String> files = new ArrayList<>();
    for (char c : GLYPHS.toCharArray()) {
      Path file = tmp.resolve("glyph-" + (int) c + ".png");
      ImageIO.write(glyph(c, face), "png", file.toFile());
      files.add(file.toString());
    }
    driver.findElement(By.id("glyphs")).sendKeys(String.join("\n", files));
    assertThat(driver.findElements(By.cssSelector("#class-images img"))).hasSize(5);
    driver.findElement(By.id("complete")).click();
    int characters = shipped.contentFont().characters().size();
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
        d.findElements(By.cssSelector("#glyph-list canvas")).size() == characters);
    double seconds = (System.nanoTime() - signedInAtNanos) / 1e9;
    System.out.printf("console: sign-in to the full sheet of %d glyphs in %.1f s (face %s)%n", characters, seconds,
        face.getFontName());
    assertThat(seconds).as("sign-in to the full sheet").isLessThan(60);
    assertThat((Long) browser.script("return document.getElementById('sheet').naturalWidth")).isPositive();
    assertThat(driver.findElement(By.id("font-status")).getText()).startsWith("Done: " + characters + " glyphs");
    // the sheet holds ink, not a blank page: most glyph canvases have dark pixels
    Long inked = (Long) browser.script("""
        return [...document.querySelectorAll('#glyph-list canvas')].filter(c => {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 0; i < d.length; i += 4) if (d[i] < 128) return true;
          return false; }).length""");
    assertThat(inked).isGreaterThan(characters * 9L / 10);
    browser.screenshot(Path.of("..", "docs", "images", "console-font.png"));
  }

  @Test
  @Order(3)
  void typeAWordAndSeeItInThatFont() {
    WebElement text = driver.findElement(By.id("text"));
    text.clear();
    text.sendKeys("Font");
    Long narrow = (Long) browser.script("return document.getElementById('text-preview').width");
    text.sendKeys(" Kit\n2026");
    Long wide = (Long) browser.script("return document.getElementById('text-preview').width");
    Long high = (Long) browser.script("return document.getElementById('text-preview').height");
    int size = shipped.imageSize();
    assertThat(narrow).isGreaterThan(size * 2L);
    assertThat(wide).isGreaterThan(narrow);
    assertThat(high).as("two lines").isEqualTo(2L * (size + size / 8) + 2L * (size / 4));
    assertThat(driver.findElement(By.id("text-missing")).getText()).isEmpty();
    text.sendKeys("!");
    assertThat(driver.findElement(By.id("text-missing")).getText()).contains("!");
  }

  @Test
  @Order(4)
  void aBadGlyphFileIsRefusedNamingItsField() throws Exception {
    go("#/font", By.id("complete"));
    Path notes = Files.writeString(tmp.resolve("notes.txt"), "not a glyph");
    WebElement glyphs = driver.findElement(By.id("glyphs"));
    glyphs.sendKeys(notes.toString());
    driver.findElement(By.id("complete")).click();
    expectedErrors.add("status of 400");
    WebElement field = waitFor(By.cssSelector("#errors .field"));
    assertThat(field.getText()).isEqualTo("class[0]");
    assertThat(driver.findElement(By.id("errors")).getText()).contains("notes.txt");
    assertThat(glyphs.getAttribute("aria-invalid")).isEqualTo("true");
  }

  @Test
  @Order(5)
  void buildAFontDatasetAndSeeABadArchiveNamed() throws Exception {
    go("#/datasets", By.id("upload-form"));
    Path bad = Files.writeString(tmp.resolve("classes.zip"), "this is not a zip archive");
    driver.findElement(By.id("archive")).sendKeys(bad.toString());
    driver.findElement(By.id("upload-archive")).click();
    expectedErrors.add("status of 400");
    assertThat(waitFor(By.cssSelector("#errors .field")).getText()).isEqualTo("file");

    new Select(driver.findElement(By.id("fonts-preset"))).selectByValue("ci");
    driver.findElement(By.id("fonts-size")).clear();
    driver.findElement(By.id("fonts-size")).sendKeys(String.valueOf(shipped.imageSize()));
    driver.findElement(By.id("build-fonts")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("#/datasets/"));
    datasetId = driver.getCurrentUrl().replaceAll(".*#/datasets/", "");
    new WebDriverWait(driver, Duration.ofSeconds(150)).until(d ->
        !d.findElements(By.cssSelector("#contact-sheet img")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("#dataset-head .badge")).getText()).isEqualTo("succeeded");
  }

  @Test
  @Order(6)
  void completeAFontFromAHeldOutFontOfTheDataset() {
    go("#/font", By.id("complete"));
    driver.findElement(By.cssSelector("input[name=source][value=dataset]")).click();
    new Select(waitFor(By.id("source-dataset"))).selectByValue(datasetId);
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
        !new Select(d.findElement(By.id("source-class"))).getOptions().isEmpty());
    driver.findElement(By.id("complete")).click();
    int characters = shipped.contentFont().characters().size();
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
        d.findElements(By.cssSelector("#glyph-list canvas")).size() == characters);
    assertThat(driver.findElements(By.cssSelector("#class-images img"))).as("the held-out font's 5 glyphs").hasSize(5);
  }

  @Test
  @Order(7)
  void startATinyTrainingAndWatchItsProgressAndASampleGrid() {
    go("#/trainings", By.id("training-form"));
    new Select(driver.findElement(By.id("train-dataset"))).selectByValue(datasetId);
    new Select(driver.findElement(By.id("train-preset"))).selectByValue("font-32");
    type(By.id("train-seconds"), "120");
    type(By.id("train-iterations"), "40");
    type(By.id("train-sample-every"), "10");
    driver.findElement(By.id("start-training")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("#/trainings/"));
    Function<WebDriver, Integer> progress = d -> Integer.parseInt(
        d.findElement(By.cssSelector("#training-head [role=progressbar]")).getAttribute("aria-valuenow"));
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(150));
    wait.ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    int first = wait.until(d -> progress.apply(d) > 0 ? progress.apply(d) : null);
    wait.until(d -> progress.apply(d) > first);
    wait.until(d -> !d.findElements(By.cssSelector("#samples img")).isEmpty());
    wait.until(d -> d.findElement(By.cssSelector("#training-head .badge")).getText().equals("succeeded"));
    assertThat(driver.findElements(By.cssSelector("#loss-chart svg path"))).hasSizeGreaterThan(2);
  }

  @Test
  @Order(8)
  void evaluateTheShippedModelAndReadTheReport() {
    go("#/evaluations", By.id("eval-form"));
    new Select(driver.findElement(By.id("eval-dataset"))).selectByValue(datasetId);
    new Select(driver.findElement(By.id("eval-model"))).selectByValue(shipped.id());
    type(By.id("eval-k"), "1");
    type(By.id("eval-contents"), "4");
    // the shipped model again as a baseline model: one more row, scored on the same draws
    new Select(driver.findElement(By.id("eval-baselines"))).selectByValue(shipped.id());
    // the paper's protocol: one K-set per class, and few-shot classification with and without generated images
    new Select(driver.findElement(By.id("eval-shot-sets"))).selectByValue("fixed");
    driver.findElement(By.id("eval-classification")).click();
    type(By.id("eval-classification-k"), "1");
    type(By.id("eval-classification-generated"), "2");
    driver.findElement(By.id("start-eval")).click();
    new WebDriverWait(driver, Duration.ofSeconds(300)).until(d ->
        !d.findElements(By.id("report-frame")).isEmpty());
    driver.switchTo().frame(driver.findElement(By.id("report-frame")));
    assertThat(driver.findElement(By.tagName("body")).getText()).containsIgnoringCase("FUNIT")
        .contains("Few-shot classification", "Baseline models", shipped.preset().replace('-', '_') + "_"
            + shipped.id().substring(0, 8).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]+", "_"));
    driver.switchTo().defaultContent();
  }

  @Test
  @Order(9)
  void everyPageFitsA360PixelScreenAndEveryControlIsLabelled() {
    browser.resize(360, 800);
    try {
      for (String page : List.of("#/font", "#/translate", "#/trainings", "#/datasets", "#/evaluations", "#/jobs")) {
        go(page, By.cssSelector("main h2"));
        assertThat((Long) browser.script("return document.documentElement.scrollWidth"))
            .as("no sideways scrolling on " + page).isLessThanOrEqualTo(360L);
        List<?> unlabelled = (List<?>) browser.script("""
            return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label'))
              .map(c => c.id || c.name)""");
        assertThat(unlabelled).as("controls without a label on " + page).isEmpty();
      }
      go("#/font", By.id("complete"));
    } finally {
      browser.resize(1280, 1000);
    }
  }

  private void go(String hash, By ready) {
    driver.get(stack.gatewayUrl() + "/" + hash);
    waitFor(ready);
  }

  private WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
      List<WebElement> found = d.findElements(by);
      return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    });
  }

  private void type(By by, String value) {
    WebElement input = driver.findElement(by);
    input.clear();
    input.sendKeys(value);
  }

  /** A bold slanted serif the machine has (DejaVu where installed), none of the shipped model's training faces. */
  private static Font unseenFace() {
    List<String> families = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
        .getAvailableFontFamilyNames());
    String family = families.contains("DejaVu Serif") ? "DejaVu Serif" : Font.SERIF;
    return new Font(family, Font.BOLD | Font.ITALIC, 44);
  }

  private static BufferedImage glyph(char c, Font face) {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 64, 64);
    g.setColor(Color.BLACK);
    g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(face);
    java.awt.FontMetrics metrics = g.getFontMetrics();
    g.drawString(String.valueOf(c), (64 - metrics.charWidth(c)) / 2, 46);
    g.dispose();
    return image;
  }
}
