package io.funit.common.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailpointsTest {
  @Test
  void parsesKnownPointsAndRefusesAnythingElseNamingIt() {
    assertThat(Failpoints.parse(null)).isEmpty();
    assertThat(Failpoints.parse(" translate.before-outputs = halt ")).containsEntry("translate.before-outputs", "halt");
    assertThatThrownBy(() -> Failpoints.parse("translate.before-output=halt"))
        .hasMessageContaining("FUNIT_FAILPOINTS").hasMessageContaining("translate.before-output=halt");
    assertThatThrownBy(() -> Failpoints.parse("translate.before-outputs=explode")).hasMessageContaining("explode");
  }

  @Test
  void anUnconfiguredPointDoesNothing() {
    Failpoints.hit(Failpoints.TRANSLATE_BEFORE_OUTPUTS); // this JVM has no FUNIT_FAILPOINTS: still running after it
    assertThat(Failpoints.HALT_STATUS).isEqualTo(137);
  }
}
