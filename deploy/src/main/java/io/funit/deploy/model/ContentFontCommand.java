package io.funit.deploy.model;

import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.ShardSource;
import io.funit.common.glyphs.ContentFontChooser;
import io.funit.common.glyphs.GlyphRow;
import io.funit.common.json.Json;
import io.funit.common.models.ContentFont;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funit model content-font --model DIR --dataset DIR}: chooses the content font of a model kept in a folder
 * (as the shipped one, {@code models/default}) from a local build of its font dataset, as a training's
 * registration does, and writes {@code content-font.png} beside the card and the choice into {@code card.json}.
 * Only the faces the card lists as seen in training are candidates, so a rebuilt dataset whose split differs
 * cannot hand the model a held-out face.
 */
@Command(name = "content-font", mixinStandardHelpOptions = true,
    description = "Choose a model folder's content font (text translations) from a local font dataset.")
public final class ContentFontCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "The model folder (card.json, generator.safetensors)")
  Path modelDir;

  @Option(names = "--dataset", required = true, description = "A local font dataset (./funit dataset fonts)")
  Path datasetDir;

  @Override
  public Integer call() throws Exception {
    Path cardFile = modelDir.resolve(ModelRegistry.CARD);
    ModelCard card = Json.MAPPER.readValue(cardFile.toFile(), ModelCard.class);
    DatasetDirectory dir = new DatasetDirectory(datasetDir);
    DatasetManifest dataset = dir.manifest().orElseThrow(() -> new IllegalArgumentException(
        "--dataset: no manifest.json in " + datasetDir));
    if (dataset.imageSize() != card.imageSize()) {
      throw new IllegalArgumentException("--dataset: " + dataset.imageSize() + "-pixel glyphs, the model works at "
          + card.imageSize());
    }
    Set<String> seen = new HashSet<>(card.classesSeen());
    DatasetManifest seenOnly = new DatasetManifest(dataset.formatVersion(), dataset.id(), dataset.kind(),
        dataset.name(), dataset.imageSize(), dataset.color(), dataset.contents(), dataset.seed(),
        dataset.classes().stream().filter(c -> c.split().equals(DatasetManifest.SPLIT_TRAIN)
            && seen.contains(c.name())).toList());
    ContentFontChooser.Choice choice = ContentFontChooser.choose(seenOnly, ShardSource.local(dir))
        .orElseThrow(() -> new IllegalArgumentException("--dataset: no face of the model's training split in "
            + datasetDir));
    ContentFont font = choice.contentFont(String.join("", dataset.contents()),
        ModelRegistry.contentFontKey(card.id()));
    Files.write(modelDir.resolve(ContentFont.FILE), GlyphRow.encode(choice.glyphs(), card.imageSize()));
    Json.MAPPER.writeValue(cardFile.toFile(), card.withContentFont(font));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", card.id());
    out.put("content_font", font);
    out.put("training_faces_found", seenOnly.classes().size());
    System.out.println(Json.write(out));
    return 0;
  }
}
