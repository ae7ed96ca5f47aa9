package io.funit.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a libtorch chrome trace: self times, the convolutions' time, and the gradients their backwards ran. */
class OpProfileTest {
  /** grad_output (2,4,8,8), input (2,3,10,10), weight (4,3,3,3): one gradient product is 2·512·27 FLOPs. */
  private static final String BACKWARD_SHAPES = "[[2,4,8,8],[2,3,10,10],[4,3,3,3],[],[],[],[],[],[],[],[]]";

  @Test
  void countsOnlyTheGradientsABackwardAllocated(@TempDir Path dir) throws IOException {
    // the first backward computes the input and weight gradients (and the bias one, which is no product);
    // the second only the weight gradient, as for a first layer whose input is data
    Path trace = write(dir, event("aten::convolution_backward", 100, 50, BACKWARD_SHAPES)
        + "," + event("aten::as_strided_", 110, 1, "[[2,3,10,10],[],[],[]]")
        + "," + event("aten::as_strided_", 112, 1, "[[4],[],[],[]]")
        + "," + event("aten::as_strided_", 114, 1, "[[4,3,3,3],[],[],[]]")
        + "," + event("aten::convolution_backward", 200, 40, BACKWARD_SHAPES)
        + "," + event("aten::as_strided_", 210, 1, "[[4,3,3,3],[],[],[]]")
        // an allocation of the same shape outside any backward is not a gradient
        + "," + event("aten::as_strided_", 300, 1, "[[2,3,10,10],[],[],[]]"));
    OpProfile profile = OpProfile.read(trace);
    assertThat(profile.convolutionGradientFlops()).isEqualTo(3 * 2.0 * 512 * 27);
    assertThat(profile.convolutionSeconds()).isCloseTo(90e-6, within(1e-12));
    assertThat(profile.top(1)).containsOnlyKeys("aten::convolution_backward");
    assertThat(profile.top(1).get("aten::convolution_backward")).isCloseTo(86e-6, within(1e-12));
  }

  @Test
  void aTraceWithoutShapesHasNoGradientFigure(@TempDir Path dir) throws IOException {
    Path trace = write(dir, event("aten::convolution_backward", 100, 50, "[]")
        + "," + event("aten::as_strided_", 110, 1, "[]"));
    assertThat(OpProfile.read(trace).convolutionGradientFlops()).isZero();
  }

  private static String event(String name, double ts, double dur, String shapes) {
    return "{\"name\":\"" + name + "\",\"ph\":\"X\",\"ts\":" + ts + ",\"dur\":" + dur
        + ",\"tid\":1,\"pid\":\"CPU Functions\",\"shape\":" + shapes + "}";
  }

  private static Path write(Path dir, String events) throws IOException {
    return Files.writeString(dir.resolve("trace.json"), "{\"traceEvents\":[" + events + "]}");
  }
}
