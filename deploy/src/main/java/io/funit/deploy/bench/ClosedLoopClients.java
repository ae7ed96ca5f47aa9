package io.funit.deploy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * N clients that each submit a translation, wait for its result ({@code Prefer: wait}), and submit the next, for
 * a fixed time: the jobs finished in the window give the throughput, their submit-to-result times the latency.
 */
final class ClosedLoopClients {
  /**
   * @param jobs translations answered within the measured time (the throughput's numerator)
   * @param completed every translation answered, those in flight at the end included (what the CPU was spent on)
   * @param clientCpuNanos CPU time of the client threads themselves (request building, waiting, reading answers)
   */
  record Result(int clients, double seconds, int jobs, int completed, int errors, double[] latencies,
      String firstError, long clientCpuNanos) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1).build();
  private final URI uri;
  private final String apiKey;
  private final byte[] body;
  private final String contentType;

  ClosedLoopClients(URI uri, String apiKey, byte[] body, String contentType) {
    this.uri = uri;
    this.apiKey = apiKey;
    this.body = body;
    this.contentType = contentType;
  }

  Result run(int clients, Duration duration) throws Exception {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    AtomicInteger completed = new AtomicInteger();
    AtomicLong clientCpu = new AtomicLong();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      running.add(pool.submit(() -> {
        long cpuAtStart = threads.getCurrentThreadCpuTime();
        while (System.nanoTime() < end) {
          long sent = System.nanoTime();
          try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", contentType)
                .header("Prefer", "wait=60").timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"succeeded\"")) {
              completed.incrementAndGet();
              if (System.nanoTime() <= end) {
                latencies.add((System.nanoTime() - sent) / 1e9);
              }
            } else {
              errors.incrementAndGet();
              firstError.compareAndSet(null, response.statusCode() + " " + response.body());
            }
          } catch (Exception e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, e.toString());
          }
        }
        clientCpu.addAndGet(threads.getCurrentThreadCpuTime() - cpuAtStart);
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    double seconds = duration.toNanos() / 1e9;
    double[] values = latencies.stream().mapToDouble(Double::doubleValue).toArray();
    return new Result(clients, seconds, values.length, completed.get(), errors.get(), values, firstError.get(),
        clientCpu.get());
  }
}
