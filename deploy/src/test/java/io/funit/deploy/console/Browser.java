package io.funit.deploy.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium driven through Debian's chromium-driver, both at explicit paths (FUNIT_CHROMIUM,
 * FUNIT_CHROMEDRIVER; default /usr/bin/chromium and /usr/bin/chromedriver), so Selenium Manager never downloads a
 * browser or a driver. Headless, sandbox off (CI runs as root), no background networking (the machine's network is
 * closed). The browser log is collected so that a test fails on any console error or failed request.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("FUNIT_CHROMIUM", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getenv().getOrDefault("FUNIT_CHROMEDRIVER", "/usr/bin/chromedriver"));

  final ChromeDriver driver;
  private final List<LogEntry> log = new ArrayList<>();

  /** Why the browser tests cannot run here, or null when they can. */
  static String missing() {
    if (!Files.isExecutable(CHROMIUM)) {
      return "no Chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver; .ci/run does; or set FUNIT_CHROMIUM)";
    }
    if (!Files.isExecutable(DRIVER)) {
      return "no chromedriver at " + DRIVER + " (apt-get install chromium-driver; or set FUNIT_CHROMEDRIVER)";
    }
    return null;
  }

  Browser(Path profile, int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().withLogOutput(System.err).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  /** The browser log since the last call: console messages and failed requests (SEVERE). */
  List<LogEntry> drainLog() {
    List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
    log.addAll(entries);
    return entries;
  }

  /** Errors in the browser log since the last call, except those {@code expected} accepts. */
  List<String> errors(Predicate<String> expected) {
    return drainLog().stream().filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(LogEntry::getMessage).filter(expected.negate()).toList();
  }

  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
