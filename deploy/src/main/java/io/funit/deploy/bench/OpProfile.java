package io.funit.deploy.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time of a training iteration goes, by libtorch operator: runs iterations under libtorch's own profiler
 * (through DJL's JNI), then sums each operator's self time (its duration minus that of the operators it called).
 *
 * <p>Convolutions are most of the model FLOPs, so their inclusive time gives a ceiling for the whole step: the ratio
 * to peak matmul the iteration would reach if everything that is not a convolution took no time at all.
 */
final class OpProfile {
  /** The operators whose inclusive time is a convolution (forward, and both backward products). */
  private static final List<String> CONVOLUTION = List.of("aten::convolution", "aten::convolution_backward");

  private final Map<String, Double> selfSeconds;
  private final double convolutionSeconds;
  private final double traceSeconds;

  private OpProfile(Map<String, Double> selfSeconds, double convolutionSeconds, double traceSeconds) {
    this.selfSeconds = selfSeconds;
    this.convolutionSeconds = convolutionSeconds;
    this.traceSeconds = traceSeconds;
  }

  /** Profiles {@code iterations} runs of {@code iteration}; the chrome trace is kept at {@code traceFile}. */
  static OpProfile record(Runnable iteration, int iterations, Path traceFile) {
    JniUtils.startProfile(false, false, false);
    try {
      for (int i = 0; i < iterations; i++) {
        iteration.run();
      }
    } finally {
      JniUtils.stopProfile(traceFile.toString());
    }
    return read(traceFile);
  }

  static OpProfile read(Path traceFile) {
    JsonNode trace;
    try {
      trace = Json.MAPPER.readTree(Files.readString(traceFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the profiler trace " + traceFile, e);
    }
    JsonNode events = trace.isArray() ? trace : trace.path("traceEvents");
    Map<String, List<JsonNode>> byThread = new HashMap<>();
    for (JsonNode e : events) {
      if ("X".equals(e.path("ph").asText()) && e.has("dur")) {
        byThread.computeIfAbsent(e.path("pid").asText() + "/" + e.path("tid").asText(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, Double> self = new HashMap<>();
    double convolution = 0;
    double start = Double.MAX_VALUE;
    double end = 0;
    for (List<JsonNode> thread : byThread.values()) {
      // parents before children: earlier start first, and the longer of two events starting together
      thread.sort(Comparator.<JsonNode>comparingDouble(e -> e.path("ts").asDouble())
          .thenComparing(Comparator.<JsonNode>comparingDouble(e -> e.path("dur").asDouble()).reversed()));
      Deque<Open> open = new ArrayDeque<>();   // the enclosing events, innermost first
      List<String> names = new ArrayList<>();
      List<Double> selfOf = new ArrayList<>();
      for (JsonNode e : thread) {
        double ts = e.path("ts").asDouble();
        double dur = e.path("dur").asDouble();
        start = Math.min(start, ts);
        end = Math.max(end, ts + dur);
        while (!open.isEmpty() && open.peek().end() <= ts) {
          open.pop();
        }
        String name = e.path("name").asText();
        if (CONVOLUTION.contains(name) && open.stream().noneMatch(o -> CONVOLUTION.contains(names.get(o.index())))) {
          convolution += dur;
        }
        if (!open.isEmpty()) {
          int parent = open.peek().index();
          selfOf.set(parent, selfOf.get(parent) - dur);
        }
        names.add(name);
        selfOf.add(dur);
        open.push(new Open(ts + dur, names.size() - 1));
      }
      for (int i = 0; i < names.size(); i++) {
        self.merge(names.get(i), selfOf.get(i) / 1e6, Double::sum);
      }
    }
    return new OpProfile(self, convolution / 1e6, (end - start) / 1e6);
  }

  /** An event whose children are still being read: where it ends, and its position in the thread's lists. */
  private record Open(double end, int index) {}

  double convolutionSeconds() {
    return convolutionSeconds;
  }

  /** Wall time covered by the trace, from the first event's start to the last one's end. */
  double traceSeconds() {
    return traceSeconds;
  }

  /** The operators with the most self time, in seconds, largest first. */
  Map<String, Double> top(int n) {
    Map<String, Double> top = new LinkedHashMap<>();
    selfSeconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }
}
