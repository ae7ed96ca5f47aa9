package io.funit.common.dataset.imports;

import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The objects under a prefix of the object store, as if they were the entries of an archive. */
public final class PrefixSource implements ImportSource {
  private final ObjectStore store;
  private final String prefix;

  public PrefixSource(ObjectStore store, String prefix) {
    this.store = store;
    this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
  }

  @Override
  public void forEach(Visitor visitor) throws IOException, ImportRejectedException {
    List<ObjectInfo> objects = store.list(prefix);
    if (objects.isEmpty()) {
      throw new ImportRejectedException("no objects under prefix '" + prefix + "' in bucket " + store.bucket(), null);
    }
    for (ObjectInfo object : objects) {
      String relative = object.key().substring(prefix.length());
      try (InputStream in = store.open(object.key())) {
        visitor.visit(relative, EntryKind.FILE, in);
      }
    }
  }
}
