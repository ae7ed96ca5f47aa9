package io.funit.common.funit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our DJL networks against two independent re-implementations of the spec (tools/reference), with the same weights:
 * NumPy in float64, and PyTorch modules in the official layout (funit-tiny-torch: PyTorch's own kernels and in-place
 * LeakyReLU aliasing): reflect padding, AdaIN layout, K-shot averaging, in-place semantics, head selection.
 */
class ReferenceCheckTest {
  @ParameterizedTest
  @ValueSource(strings = {"funit-tiny.safetensors", "funit-font64.safetensors", "funit-tiny-torch.safetensors"})
  void networksMatchTheReferenceOutputs(String fixture) throws Exception {
    Path file = Path.of("src/test/resources/reference", fixture);
    ReferenceCheck.Architecture architecture = ReferenceCheck.architectureFromMetadata(file);
    ReferenceCheck.Result result = ReferenceCheck.run(file, architecture.gen(), architecture.dis());

    assertThat(result.translation()).isLessThan(1e-4);
    assertThat(result.dis()).isLessThan(1e-4);
    assertThat(result.disFeat()).isLessThan(1e-4);
  }
}
