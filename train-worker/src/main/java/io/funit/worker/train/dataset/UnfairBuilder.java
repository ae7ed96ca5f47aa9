package io.funit.worker.train.dataset;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.UnfairSets;
import io.funit.common.dataset.job.DatasetRequest;
import io.funit.common.worker.InvalidJobException;
import io.funit.common.worker.JobContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * StarGAN-Unfair-K's training set ({@link UnfairSets}): the base dataset's class shards copied unchanged, then one
 * shard per held-out class with its K-set's images, under the base's manifest with those classes added to training.
 */
final class UnfairBuilder implements DatasetBuilder {
  private final StoredDatasets datasets;

  UnfairBuilder(StoredDatasets datasets) {
    this.datasets = datasets;
  }

  @Override
  public Outcome build(DatasetRequest request, JobContext context, Path staging, DatasetDirectory out)
      throws Exception {
    DatasetManifest base = datasets.manifest(request.base()).orElseThrow(() ->
        new InvalidJobException("base: no built dataset '" + request.base() + "'"));
    List<UnfairSets.Extra> extras;
    try {
      extras = UnfairSets.plan(base, request.k(), request.seed());
    } catch (InvalidRequestException e) {
      throw new InvalidJobException(e.getMessage(), e);
    }
    int steps = base.classes().size() + extras.size();
    for (DatasetClass c : base.classes()) {
      Path shard = out.resolve(c.shard());
      Files.createDirectories(shard.getParent());
      datasets.download(base.id(), c.shard(), shard);
      context.progress(c.index() + 1, steps, "copying class shards");
      context.checkStop();
    }
    List<DatasetClass> classes = new ArrayList<>(base.classes());
    List<Map<String, Object>> added = new ArrayList<>();
    for (UnfairSets.Extra extra : extras) {
      Map<String, ClassShards.NamedImage> images = ClassShards.read(out.resolve(extra.from().shard())).stream()
          .collect(Collectors.toMap(ClassShards.NamedImage::name, Function.identity()));
      out.writeShard(extra.added().index(), extra.added().imageNames().stream().map(images::get).toList());
      classes.add(extra.added());
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("class", extra.added().name());
      line.put("from", extra.from().name());
      line.put("images", extra.added().imageNames());
      line.put("image_indices", Arrays.stream(extra.images()).boxed().toList());
      added.add(line);
      context.progress(classes.size(), steps, "writing the K-sets");
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("base", base.id());
    report.put("k", request.k());
    report.put("seed", request.seed());
    report.put("added_classes", added);
    out.writeReport(report);
    String name = request.name() != null ? request.name() : base.name() + " + K-sets of " + request.k();
    out.writeManifest(new DatasetManifest(DatasetManifest.FORMAT_VERSION, "local", base.kind(), name,
        base.imageSize(), base.color(), base.contents(), base.seed(), classes, null));
    return new Outcome(0, Map.of());
  }
}
