package io.funit.deploy.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The S3 host's disk full for a minute under load: its objects live on a small tmpfs, which a filler file takes up
 * to the last byte and then gives back.
 */
final class StorageDiskFull implements Scenario {
  private static final String DISK_SIZE = "384m";
  private static final Duration FULL = Duration.ofSeconds(60);

  @Override
  public String name() {
    return "s3-disk-full";
  }

  @Override
  public String description() {
    return "the S3 host's disk (a " + DISK_SIZE + " tmpfs) full for " + FULL.toSeconds() + " s under load, then "
        + "freed";
  }

  @Override
  public void prepare(ChaosStack stack) throws Exception {
    Path disk = stack.hostDir(LabLayout.S3);
    Files.createDirectories(disk);
    Shell.run("mount", "-t", "tmpfs", "-o", "size=" + DISK_SIZE, "funitc-s3-disk", disk.toString());
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    Thread.sleep(10_000);
    Path disk = context.stack().hostDir(LabLayout.S3);
    Path filler = disk.resolve("filler");
    long free = Files.getFileStore(disk).getUsableSpace();
    Shell.attempt("fallocate", "-l", Long.toString(free), filler.toString());
    // fallocate leaves what rounding kept back; dd takes the rest until the disk says no
    Shell.attempt("dd", "if=/dev/zero", "of=" + disk.resolve("filler-rest"), "bs=64k");
    context.note("free_bytes_when_full", Files.getFileStore(disk).getUsableSpace());
    context.note("filled_at_s", context.elapsedSeconds());
    Thread.sleep(FULL.toMillis());
    Files.deleteIfExists(filler);
    Files.deleteIfExists(disk.resolve("filler-rest"));
  }

  @Override
  public void cleanUp(ChaosStack stack) {
    Shell.attempt("umount", "-l", stack.hostDir(LabLayout.S3).toString());
  }
}
