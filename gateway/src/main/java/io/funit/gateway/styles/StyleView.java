package io.funit.gateway.styles;

import io.funit.common.translate.StyleManifest;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** A stored style as the API shows it: its K class images are fetched from {@code class_urls}. */
public record StyleView(String id, String name, int k, Instant createdAt, List<String> classUrls) {
  static StyleView of(StyleManifest style) {
    String self = StyleRoutes.PATH + "/" + style.id();
    return new StyleView(style.id(), style.name(), style.k(), style.createdAt(),
        IntStream.range(0, style.k()).mapToObj(j -> self + "/class/" + j).toList());
  }
}
