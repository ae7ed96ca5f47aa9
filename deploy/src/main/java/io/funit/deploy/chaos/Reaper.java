package io.funit.deploy.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Removes the lab when the process that made it dies without closing it (SIGKILL, an OOM kill): a detached shell
 * that waits for that process and then kills every process in the lab's namespaces and deletes them. It acts only
 * if the lab is still its owner's (the owner file names the owner's pid), so it never removes a newer run's lab.
 */
final class Reaper {
  static final Path OWNER_FILE = Path.of("/run/funitc-owner");

  private Reaper() {}

  static void watch(long ownerPid) throws IOException {
    Files.writeString(OWNER_FILE, Long.toString(ownerPid));
    String prefix = NetworkLab.PREFIX;
    String script = "while kill -0 " + ownerPid + " 2>/dev/null; do sleep 1; done; "
        + "[ \"$(cat " + OWNER_FILE + " 2>/dev/null)\" = \"" + ownerPid + "\" ] || exit 0; "
        + "for ns in $(ip netns list | awk '{print $1}' | grep '^" + prefix + "'); do "
        + "for p in $(ip netns pids $ns); do kill -9 $p; done; done; "
        + "for ns in $(ip netns list | awk '{print $1}' | grep '^" + prefix + "'); do ip netns del $ns; done; "
        + "rm -f " + OWNER_FILE;
    new ProcessBuilder("setsid", "sh", "-c", script)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }
}
