package io.funit.deploy.up;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the stack's service processes (gateway, workers) are started, as {@code ./funit} starts them, so that a stack
 * started with {@code java -jar funit-deploy.jar up} or by the chaos lab behaves as one started through the launcher.
 */
public final class ServiceJvm {
  /**
   * glibc's allocator for processes that run the model: one arena (freed tensors otherwise stay in per-thread arenas),
   * tensors from the heap and never from fresh mmaps (every pass paid the kernel to zero them again), and freed memory
   * kept for the next pass (see {@code ./funit}: the figures).
   */
  public static final Map<String, String> ALLOCATOR = Map.of("MALLOC_ARENA_MAX", "1",
      "MALLOC_MMAP_THRESHOLD_", "536870912", "MALLOC_TRIM_THRESHOLD_", "1073741824");
  /**
   * A translate worker's heap: its live set is under 50 MiB (Kafka and S3 clients, images in flight; tensors live
   * outside the heap), but with 2 GiB G1 left garbage in the old generation until 45% of it was used, and 590 MiB of
   * heap pages stayed resident under load.
   */
  public static final String TRANSLATE_HEAP = "-Xmx512m";
  public static final String GATEWAY_HEAP = "-Xmx384m";
  /**
   * The heap's first 256 MiB committed and touched at start. A JVM's resident memory otherwise grows for hours under
   * a steady load without any leak: G1 grew a translate worker's heap from 59 to 219 MiB after 20 minutes and then
   * touched its pages one region at a time as the old generation filled (resident +1.7 MiB a minute, the soak's one
   * failure); the gateway did the same. With the pages touched up front, memory grows only when the heap must.
   */
  public static final List<String> STEADY_HEAP = List.of("-Xms256m", "-XX:+AlwaysPreTouch");
  /**
   * The JVM of {@code ./funit up} itself (the broker, the S3 server and the supervisor of the services): its first
   * 384 MiB of heap committed and touched at start. Its live set is 70-80 MiB, but G1 sized the heap 122, then 195 MiB
   * within four minutes of load and grew it again at minute 38 of an hour's soak: resident memory +107 MiB in one
   * step, +23.9 % over the hour. The launcher starts {@code up} with the same options.
   */
  public static final List<String> EMBEDDED_SERVERS = List.of("-Xmx1g", "-Xms384m", "-XX:+AlwaysPreTouch");
  /** G1 otherwise grows the young generation toward 60 % of the heap and every page it touched stays resident. */
  private static final String YOUNG_GENERATION = "-XX:MaxNewSize=64m";

  private ServiceJvm() {}

  /**
   * The CPU niceness of train and eval workers that share a machine with the serving path (FUNIT_BATCH_NICENESS,
   * 0 to 19, 0 for none): a training is a batch job that can wait, a translation has a client waiting. At the same
   * priority each soak window's p99 was set by the minute its training held the 2 cores (753 to 1,306 ms between
   * windows, ./funit soak); niced, the training takes the cores the serving path leaves idle (the windows' p99 75 to
   * 201 ms, and the trainings 18 to 30 s instead of 39 to 73).
   */
  static int batchNiceness() {
    return batchNiceness(System.getenv("FUNIT_BATCH_NICENESS"));
  }

  /** The command that starts a worker jar with {@code heap} (e.g. {@code -Xmx1g}) on a host of its own. */
  public static List<String> worker(String heap, String workerJar) {
    return command(List.of(heap, YOUNG_GENERATION), workerJar);
  }

  /**
   * The command that starts a {@code kind} worker on the machine that also serves translations ({@code ./funit up}):
   * train and eval workers at {@link #batchNiceness()}. Not for the chaos lab, whose hosts stand for machines of
   * their own: there a niced training starved behind the lab's translation load and a fault meant for it found none.
   */
  public static List<String> besideServingPath(String kind, String heap, String workerJar) {
    List<String> command = new ArrayList<>();
    int niceness = batchNiceness();
    if (niceness > 0 && (kind.equals("train") || kind.equals("eval"))) {
      // nice execs the JVM: the process (its PID, its signals) is the worker's own
      command.addAll(List.of("nice", "-n", Integer.toString(niceness)));
    }
    command.addAll(worker(heap, workerJar));
    return command;
  }

  static int batchNiceness(String value) {
    if (value == null || value.isBlank()) {
      return 10;
    }
    try {
      int niceness = Integer.parseInt(value.trim());
      if (niceness >= 0 && niceness <= 19) {
        return niceness;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("FUNIT_BATCH_NICENESS must be a whole number from 0 to 19, got '" + value + "'");
  }

  /** The command that starts the gateway jar. */
  public static List<String> gateway(String gatewayJar) {
    return command(List.of(GATEWAY_HEAP), gatewayJar);
  }

  private static List<String> command(List<String> heap, String jar) {
    List<String> command = new ArrayList<>(List.of(Installation.java().toString()));
    command.addAll(heap);
    command.addAll(STEADY_HEAP);
    command.addAll(List.of("-jar", jar));
    return command;
  }

  /**
   * PyTorch's threads for a translate worker that shares the machine with the rest of the stack
   * (FUNIT_TRANSLATE_THREADS; unset or {@code auto}: PyTorch's own choice, one per core), as OMP_NUM_THREADS, unless
   * the caller's environment set that itself.
   */
  public static void translateThreadsInto(Map<String, String> environment) {
    String threads = translateThreads(System.getenv("FUNIT_TRANSLATE_THREADS"));
    if (threads != null && System.getenv("OMP_NUM_THREADS") == null) {
      environment.put("OMP_NUM_THREADS", threads);
    }
  }

  /** OMP_NUM_THREADS for a FUNIT_TRANSLATE_THREADS value, or null to leave PyTorch's default. */
  static String translateThreads(String value) {
    if (value == null || value.isBlank() || value.trim().equals("auto")) {
      return null;
    }
    try {
      int threads = Integer.parseInt(value.trim());
      if (threads >= 1 && threads <= 1024) {
        return Integer.toString(threads);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("FUNIT_TRANSLATE_THREADS must be auto or a whole number from 1 to 1024, got '"
        + value + "'");
  }

  /** {@link #ALLOCATOR} into {@code environment}, except where the caller's environment chose otherwise. */
  public static void allocatorInto(Map<String, String> environment) {
    ALLOCATOR.forEach((name, value) -> {
      if (System.getenv(name) == null) {
        environment.put(name, value);
      }
    });
  }
}
