package io.funit.deploy.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One worker host whose wall clock runs ten minutes ahead (Debian's libfaketime preloaded into its JVM; the
 * monotonic clock, which timeouts and backoffs use, untouched) for the whole run: its job events, checkpoints and
 * S3 request signatures carry its time (S3 tolerates up to 15 minutes).
 */
final class ClockSkew implements Scenario {
  private static final String HOST = "translate-1";
  private static final String SKEW = "+10m";
  private static final Duration UNDER_LOAD = Duration.ofSeconds(60);
  /**
   * The library without the MT build's lock around every clock call: with it each of PyTorch's and the JVM's clock
   * reads took 60× as long (2 million reads: 45.9 s against 0.74 s without faketime, 1.7 s with this one), which
   * starved the whole machine and made the skew look like an outage.
   */
  private static final List<Path> LIBRARIES = List.of(
      Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
      Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"));

  @Override
  public String name() {
    return "clock-skew";
  }

  @Override
  public String description() {
    return "host " + HOST + "'s wall clock " + SKEW + " (libfaketime, monotonic clock untouched) for the whole run";
  }

  @Override
  public Map<String, String> hostEnv(String host) {
    if (!host.equals(HOST)) {
      return Map.of();
    }
    Path library = LIBRARIES.stream().filter(Files::exists).findFirst().orElseThrow(() ->
        new IllegalStateException("libfaketime is missing: apt-get install faketime"));
    // FAKETIME_FORCE_MONOTONIC_FIX=0: with the fix (the default) libfaketime's pthread_cond_timedwait wrapper turns
    // the JVM's timed waits, which run on the monotonic clock, into immediate timeouts: 50 Object.wait(100) calls
    // returned in 0.14 ms instead of 5 s, every parked thread spun, and a translation took 1,048 ms instead of 29 ms
    return Map.of("LD_PRELOAD", library.toString(), "FAKETIME", SKEW, "FAKETIME_DONT_FAKE_MONOTONIC", "1",
        "FAKETIME_FORCE_MONOTONIC_FIX", "0");
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    // the skew is there from the start; the load runs against it for a while
    Thread.sleep(UNDER_LOAD.toMillis());
  }
}
