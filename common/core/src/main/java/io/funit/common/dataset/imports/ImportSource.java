package io.funit.common.dataset.imports;

import java.io.IOException;
import java.io.InputStream;

/** Where imported files come from: an uploaded archive or an object-store prefix. */
public interface ImportSource {
  /** Calls {@code visitor} once per entry, in the source's order. */
  void forEach(Visitor visitor) throws IOException, ImportRejectedException;

  /** What an entry is; only regular files can become images. */
  enum EntryKind { FILE, DIRECTORY, OTHER }

  /** Receives entries; {@code content} is valid only during the call (null unless the entry is a file). */
  @FunctionalInterface
  interface Visitor {
    void visit(String path, EntryKind kind, InputStream content) throws IOException, ImportRejectedException;
  }
}
