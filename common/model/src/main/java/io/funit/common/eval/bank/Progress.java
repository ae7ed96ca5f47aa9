package io.funit.common.eval.bank;

/** Where an evaluation's stages report how far they are (the eval job's progress events, the CLI's log). */
@FunctionalInterface
public interface Progress {
  void step(long done, long total, String message);
}
