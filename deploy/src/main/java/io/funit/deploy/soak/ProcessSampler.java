package io.funit.deploy.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resident memory and open files of a process and its descendants, from {@code /proc} (what the kernel charges,
 * not what the JVM thinks it uses). Each process is named by the jar it runs, so a report reads "gateway" rather
 * than a pid.
 */
final class ProcessSampler {
  /** One process at one moment. */
  record Usage(long pid, String name, long rssKib, int openFiles) {}

  private final ProcessHandle root;
  private final String rootName;

  ProcessSampler(ProcessHandle root, String rootName) {
    this.root = root;
    this.rootName = rootName;
  }

  /** Every live process of the tree, by name (a second process of one name gets its pid appended). */
  Map<String, Usage> sample() {
    Map<String, Usage> usage = new LinkedHashMap<>();
    // by pid, so that of two processes of one name the older keeps the plain name in every sample
    List<ProcessHandle> processes = Stream.concat(Stream.of(root), root.descendants()).filter(ProcessHandle::isAlive)
        .sorted(java.util.Comparator.comparingLong(ProcessHandle::pid)).toList();
    for (ProcessHandle process : processes) {
      String name = process.equals(root) ? rootName : nameOf(process);
      if (usage.containsKey(name)) {
        name = name + "-" + process.pid();
      }
      try {
        usage.put(name, new Usage(process.pid(), name, rssKib(process.pid()), openFiles(process.pid())));
      } catch (IOException e) {
        // it ended between the listing and the read: it is simply not in this sample
      }
    }
    return usage;
  }

  /** {@code funit-translate-worker.jar} → translate-worker; anything else by its executable. */
  private static String nameOf(ProcessHandle process) {
    String[] args = process.info().arguments().orElse(new String[0]);
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("-jar")) {
        String jar = Path.of(args[i + 1]).getFileName().toString();
        return jar.replaceFirst("^funit-", "").replaceFirst("\\.jar$", "");
      }
    }
    return process.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("pid");
  }

  static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS for " + pid);
  }

  static int openFiles(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return (int) fds.count();
    }
  }
}
