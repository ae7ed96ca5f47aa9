package io.funit.common.training;

import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a training's sample grids are: {@code outputs/{job}/samples/iter-NNNNNNNN-{train|test}.png}. Rows as in
 * spec §3.3: content xa, reconstruction xr (G), translation xt (G), class image xb, xr (EMA), xt (EMA).
 */
public final class SampleGrids {
  private static final Pattern NAME = Pattern.compile(".*/samples/(iter-(\\d{8})-(train|test)\\.png)$");

  private SampleGrids() {}

  /** One stored grid. */
  public record Grid(String name, long iteration, String split, String key) {}

  public static String key(String jobId, long iteration, String split) {
    return StorageKeys.output(jobId, String.format("samples/iter-%08d-%s.png", iteration, split));
  }

  public static List<Grid> list(ObjectStore store, String jobId) {
    List<Grid> grids = new ArrayList<>();
    for (ObjectInfo object : store.list(StorageKeys.prefix("outputs", jobId) + "samples/")) {
      Matcher m = NAME.matcher(object.key());
      if (m.matches()) {
        grids.add(new Grid(m.group(1), Long.parseLong(m.group(2)), m.group(3), object.key()));
      }
    }
    grids.sort(java.util.Comparator.comparingLong(Grid::iteration).thenComparing(Grid::split));
    return grids;
  }
}
