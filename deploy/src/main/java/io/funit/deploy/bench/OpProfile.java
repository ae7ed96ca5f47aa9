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
 *
 * <p>The trace also tells which gradients each convolution backward computed: it allocates its input gradient and its
 * weight gradient (an {@code aten::as_strided_} of the input's or the weight's shape) only when autograd asks for
 * them. Their FLOPs are an independent check of the benchmark's own count ({@code FlopCounter}).
 */
final class OpProfile {
  /** The operators whose inclusive time is a convolution (forward, and both backward products). */
  private static final List<String> CONVOLUTION = List.of("aten::convolution", "aten::convolution_backward");
  private static final String BACKWARD = "aten::convolution_backward";
  private static final String ALLOCATION = "aten::as_strided_";

  private final Map<String, Double> selfSeconds;
  private final double convolutionSeconds;
  private final double traceSeconds;
  private final double gradientFlops;

  private OpProfile(Map<String, Double> selfSeconds, double convolutionSeconds, double traceSeconds,
      double gradientFlops) {
    this.selfSeconds = selfSeconds;
    this.convolutionSeconds = convolutionSeconds;
    this.traceSeconds = traceSeconds;
    this.gradientFlops = gradientFlops;
  }

  /** Profiles {@code iterations} runs of {@code iteration}; the chrome trace is kept at {@code traceFile}. */
  static OpProfile record(Runnable iteration, int iterations, Path traceFile) {
    JniUtils.startProfile(false, true, false);
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
    double gradient = 0;
    double start = Double.MAX_VALUE;
    double end = 0;
    for (List<JsonNode> thread : byThread.values()) {
      // parents before children: earlier start first, and the longer of two events starting together
      thread.sort(Comparator.<JsonNode>comparingDouble(e -> e.path("ts").asDouble())
          .thenComparing(Comparator.<JsonNode>comparingDouble(e -> e.path("dur").asDouble()).reversed()));
      Deque<Open> open = new ArrayDeque<>();   // the enclosing events, innermost first
      List<String> names = new ArrayList<>();
      List<Double> selfOf = new ArrayList<>();
      Map<Integer, JsonNode> backwardAt = new HashMap<>();   // convolution backwards by position, with their shapes
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
        if (ALLOCATION.equals(name)) {
          gradient += open.stream().filter(o -> backwardAt.containsKey(o.index())).findFirst()
              .map(o -> gradientPassFlops(backwardAt.get(o.index()), e.path("shape").path(0))).orElse(0.0);
        }
        if (BACKWARD.equals(name)) {
          backwardAt.put(names.size(), e.path("shape"));
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
    return new OpProfile(self, convolution / 1e6, (end - start) / 1e6, gradient);
  }

  /**
   * The FLOPs of one gradient a convolution backward computes, when {@code allocated} is the shape of its input or
   * its weight (shapes: grad_output, input, weight, …): either product costs what the forward did, 2 per
   * multiply-add of grad_output's elements with in·kh·kw weights each (true of the plain, ungrouped convolutions
   * FUNIT has; not of transposed or grouped ones). Any other allocation costs nothing here.
   */
  private static double gradientPassFlops(JsonNode shapes, JsonNode allocated) {
    JsonNode output = shapes.path(0);
    JsonNode input = shapes.path(1);
    JsonNode weight = shapes.path(2);
    if (weight.size() != 4 || !(allocated.equals(input) || allocated.equals(weight))) {
      return 0;
    }
    double outputs = 1;
    for (JsonNode dim : output) {
      outputs *= dim.asDouble();
    }
    return 2 * outputs * weight.path(1).asDouble() * weight.path(2).asDouble() * weight.path(3).asDouble();
  }

  /** An event whose children are still being read: where it ends, and its position in the thread's lists. */
  private record Open(double end, int index) {}

  double convolutionSeconds() {
    return convolutionSeconds;
  }

  /** FLOPs of the input and weight gradients the convolution backwards computed (0 if the trace has no shapes). */
  double convolutionGradientFlops() {
    return gradientFlops;
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
