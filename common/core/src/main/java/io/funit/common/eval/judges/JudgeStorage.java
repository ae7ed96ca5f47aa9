package io.funit.common.eval.judges;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where cached judges live, by object name (relative to the dataset's judge area). */
interface JudgeStorage {
  Optional<byte[]> read(String datasetId, String name) throws IOException;

  void download(String datasetId, String name, Path target) throws IOException;

  void upload(String datasetId, String name, Path file) throws IOException;

  void write(String datasetId, String name, byte[] content) throws IOException;
}
