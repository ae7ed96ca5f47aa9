package io.funit.deploy.soak;

import io.funit.deploy.load.ApiClient;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Translation answers in fixed windows of the run: per window the count, errors and the p50/p99 of the answer time,
 * for each way of asking ({@code wait}: the whole translation, {@code async}: the submission). Every answer is kept
 * with its time, so that a slow window can be laid beside the stack's log (what ran at that second).
 */
final class LatencyWindows {
  private record Answer(long atMillis, String how, int status, long millis) {}

  private final long startMillis;
  private final long windowMillis;
  private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

  LatencyWindows(long startMillis, long windowMillis) {
    this.startMillis = startMillis;
    this.windowMillis = windowMillis;
  }

  void record(String how, ApiClient.Reply reply) {
    answers.add(new Answer(System.currentTimeMillis(), how, reply.status(), reply.millis()));
  }

  /** Per window (by its start minute), per way of asking: count, failed, p50 and p99 in milliseconds. */
  Map<Integer, Map<String, Map<String, Number>>> summary() {
    Map<Integer, Map<String, List<Answer>>> byWindow = new TreeMap<>();
    for (Answer answer : answers) {
      int window = (int) ((answer.atMillis() - startMillis) / windowMillis);
      byWindow.computeIfAbsent(window, w -> new TreeMap<>()).computeIfAbsent(answer.how(), h -> new ArrayList<>())
          .add(answer);
    }
    Map<Integer, Map<String, Map<String, Number>>> summary = new LinkedHashMap<>();
    byWindow.forEach((window, hows) -> {
      Map<String, Map<String, Number>> row = new LinkedHashMap<>();
      hows.forEach((how, list) -> {
        long[] ok = list.stream().filter(a -> a.status() / 100 == 2).mapToLong(Answer::millis).sorted().toArray();
        Map<String, Number> stats = new LinkedHashMap<>();
        stats.put("count", list.size());
        stats.put("failed", list.size() - ok.length);
        stats.put("p50_ms", percentile(ok, 0.50));
        stats.put("p99_ms", percentile(ok, 0.99));
        row.put(how, stats);
      });
      summary.put((int) (window * windowMillis / 60_000), row);
    });
    return summary;
  }

  /** The {@code n} slowest successful answers asked {@code how}, slowest first: second of the run and milliseconds. */
  List<Map<String, Number>> slowest(String how, int n) {
    return answers.stream().filter(a -> a.how().equals(how) && a.status() / 100 == 2)
        .sorted(Comparator.comparingLong(Answer::millis).reversed()).limit(n).map(a -> {
          Map<String, Number> row = new LinkedHashMap<>();
          row.put("second", (a.atMillis() - startMillis) / 1000.0);
          row.put("ms", a.millis());
          return row;
        }).toList();
  }

  /** Every answer as CSV: when it came (epoch milliseconds, to match the logs), how it was asked, status, time. */
  void writeCsv(Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file)) {
      out.write("epoch_ms,how,status,ms\n");
      for (Answer a : answers) {
        out.write(a.atMillis() + "," + a.how() + "," + a.status() + "," + a.millis() + "\n");
      }
    }
  }

  /** Nearest-rank percentile; 0 for no answers. */
  static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
