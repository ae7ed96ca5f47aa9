package io.funit.common.jvm;

/**
 * The JVM's common fork-join pool on small machines. With fewer than 3 cores its parallelism is 1, and then every
 * {@code CompletableFuture.*Async} call without an executor starts a new thread for its one task: the MinIO client
 * does that for every object write ({@code putObjectAsync}), so each translation's output cost a thread's creation
 * and teardown in the worker (seen as short-lived {@code Thread-N} in a profile of {@code ./funit bench serve}).
 * A pool of a few threads keeps them. Must run before anything uses the pool: first thing in {@code main}.
 */
public final class CommonPool {
  static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
  /** A few threads, not one per core: the tasks that land here (the MinIO client's) mostly wait for the network. */
  static final int SMALL_MACHINE_PARALLELISM = 4;

  private CommonPool() {}

  /** Sizes the pool unless the operator chose its parallelism ({@code -D} of the same property). */
  public static void keepThreads() {
    String chosen = parallelism(System.getProperty(PARALLELISM), Runtime.getRuntime().availableProcessors());
    if (chosen != null) {
      System.setProperty(PARALLELISM, chosen);
    }
  }

  /** The parallelism to set, or null to leave the JVM's default (3 or more cores give a real pool already). */
  static String parallelism(String operatorChoice, int cores) {
    if (operatorChoice != null || cores >= 3) {
      return null;
    }
    return Integer.toString(SMALL_MACHINE_PARALLELISM);
  }
}
