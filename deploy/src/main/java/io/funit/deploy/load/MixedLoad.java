package io.funit.deploy.load;

import io.funit.deploy.bench.BenchImages;
import io.funit.deploy.http.MultipartForm;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bounded mixed load every scenario runs: a dataset upload, short trainings and an evaluation on it, and
 * translations from a few closed-loop clients (half with {@code Prefer: wait}, half asynchronous), every job with a
 * webhook. It records every job the API accepted; the audit then holds the system to each of them.
 */
public final class MixedLoad {
  /** A FUNIT small enough to train a few iterations a second beside everything else (the ITs' tiny config). */
  public static final String TINY_TRAINING = "\"preset\":\"font-32\",\"overrides\":{\"iterations\":%d,\"batch_size\":4,"
      + "\"gen_nf\":8,\"dis_nf\":8,\"dis_res_blks\":2,\"mlp_dim\":32,\"latent_dim\":16,\"seed\":5}";
  private static final int GLYPH_SIZE = 32;
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
  private static final String[] FACES = {Font.SERIF, Font.SANS_SERIF, Font.MONOSPACED, Font.DIALOG};

  private final ApiClient api;
  private final String webhookUrl;
  private final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> clients = new ArrayList<>();
  private volatile boolean running;
  private long thinkMillis;
  private java.util.function.BiConsumer<String, ApiClient.Reply> translationAnswers = (how, reply) -> { };

  /**
   * A job the API accepted.
   *
   * @param id the job id
   * @param type its job type (translate, train, eval, dataset)
   * @param how how it was sent: async, wait, upload
   */
  public record Accepted(String id, String type, String how) {}

  public MixedLoad(ApiClient api, String webhookUrl) {
    this.api = api;
    this.webhookUrl = webhookUrl;
  }

  /**
   * Paces the translation clients: each waits {@code think} after an answer before its next request (a steady load
   * rather than a saturating one), and {@code answers} sees every translation answer with how it was sent.
   */
  public MixedLoad pacing(java.time.Duration think, java.util.function.BiConsumer<String, ApiClient.Reply> answers) {
    this.thinkMillis = think.toMillis();
    this.translationAnswers = answers;
    return this;
  }

  /** Records a job a scenario got accepted itself, so that the audit covers it too. */
  public void add(Accepted job) {
    accepted.add(job);
  }

  public List<Accepted> accepted() {
    synchronized (accepted) {
      return List.copyOf(accepted);
    }
  }

  /** Uploads a dataset of glyphs drawn in the JDK's logical fonts (8 classes); returns its job id. */
  public String uploadDataset() throws IOException {
    MultipartForm form = new MultipartForm().file("file", "glyphs.zip", "application/zip", glyphArchive())
        .text("name", "chaos-glyphs").text("test_fraction", "0.25").text("webhook", webhookUrl);
    ApiClient.Reply reply = api.postBytes("/v1/datasets", form.bytes(), form.contentType(), Map.of());
    return accept(reply, "dataset", "upload");
  }

  /** A short training on {@code dataset}, checkpointing often so that a crash has something to resume from. */
  public String startTraining(String dataset, int iterations, int checkpointEvery) {
    String body = "{\"dataset\":\"" + dataset + "\"," + String.format(TINY_TRAINING, iterations)
        + ",\"checkpoint_every\":" + checkpointEvery + ",\"sample_every\":1000000,\"webhook\":\"" + webhookUrl + "\"}";
    return accept(api.postJson("/v1/trainings", body, Map.of()), "train", "async");
  }

  /** An evaluation of {@code model} on {@code dataset} at K = 1, small. */
  public String startEvaluation(String model, String dataset) {
    String body = "{\"model\":\"" + model + "\",\"dataset\":\"" + dataset + "\",\"k\":[1],\"contents\":2,"
        + "\"webhook\":\"" + webhookUrl + "\"}";
    return accept(api.postJson("/v1/evaluations", body, Map.of()), "eval", "async");
  }

  /** Starts {@code count} translation clients; each sends its next request when the last was answered. */
  public void startTranslations(int count) {
    running = true;
    for (int c = 0; c < count; c++) {
      int client = c;
      Thread thread = new Thread(() -> translateUntilStopped(client), "chaos-client-" + c);
      thread.setDaemon(true);
      clients.add(thread);
      thread.start();
    }
  }

  private void translateUntilStopped(int client) {
    int n = 0;
    while (running) {
      boolean wait = (client + n) % 2 == 0;
      try {
        MultipartForm form = translationForm(n);
        ApiClient.Reply reply = api.postBytes("/v1/translations", form.bytes(), form.contentType(),
            wait ? Map.of("Prefer", "wait=10") : Map.of());
        accept(reply, "translate", wait ? "wait" : "async");
        translationAnswers.accept(wait ? "wait" : "async", reply);
        if (!reply.ok()) {
          Thread.sleep(500); // a client backs off when refused, as Retry-After asks
        } else if (thinkMillis > 0) {
          Thread.sleep(thinkMillis);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        return;
      }
      n++;
    }
  }

  /** One translation with {@code Prefer: wait}; whether it came back succeeded (the job is recorded either way). */
  public boolean translateOnce() throws IOException {
    MultipartForm form = translationForm(0);
    ApiClient.Reply reply = api.postBytes("/v1/translations", form.bytes(), form.contentType(),
        Map.of("Prefer", "wait=10"));
    accept(reply, "translate", "wait");
    return reply.status() == 200 && reply.json().path("status").asText().equals("succeeded");
  }

  /** Stops the translation clients after their requests in flight are answered. */
  public void stopTranslations() throws InterruptedException {
    running = false;
    for (Thread client : clients) {
      client.join(ApiClient.REQUEST_TIMEOUT.toMillis() + 5_000);
    }
    clients.clear();
  }

  private String accept(ApiClient.Reply reply, String type, String how) {
    if (!reply.ok()) {
      return null;
    }
    String id = reply.json().path("id").asText(null);
    if (id != null) {
      accepted.add(new Accepted(id, type, how));
    }
    return id;
  }

  private MultipartForm translationForm(int n) throws IOException {
    MultipartForm form = new MultipartForm()
        .file("content", "content.png", "image/png", BenchImages.glyph(LETTERS.charAt(n % 26), GLYPH_SIZE, Font.PLAIN))
        .text("webhook", webhookUrl);
    for (int j = 0; j < 3; j++) {
      form.file("class", "class-" + j + ".png", "image/png",
          BenchImages.glyph(LETTERS.charAt((n + j + 7) % 26), GLYPH_SIZE, Font.BOLD | Font.ITALIC));
    }
    return form;
  }

  /** Class folders of glyphs: each logical font in plain and bold is a class. */
  public static byte[] glyphArchive() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String face : FACES) {
        for (int style : new int[] {Font.PLAIN, Font.BOLD}) {
          String folder = "glyphs/" + face + (style == Font.BOLD ? "-bold" : "") + "/";
          for (char c : LETTERS.toCharArray()) {
            zip.putNextEntry(new ZipEntry(folder + c + ".png"));
            zip.write(BenchImages.glyph(c, GLYPH_SIZE, face, style));
            zip.closeEntry();
          }
        }
      }
    }
    return bytes.toByteArray();
  }
}
