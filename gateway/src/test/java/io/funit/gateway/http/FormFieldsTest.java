package io.funit.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.gateway.problem.ProblemException;
import org.junit.jupiter.api.Test;

class FormFieldsTest {
  @Test
  void blankIsAbsentAndANumberIsReadAsTyped() {
    assertThat(FormFields.wholeNumber("seed", null)).isNull();
    assertThat(FormFields.wholeNumber("seed", "  ")).isNull();
    assertThat(FormFields.wholeNumber("seed", " -3 ")).isEqualTo(-3L);
    assertThat(FormFields.decimal("lr_cooldown", "")).isNull();
    assertThat(FormFields.decimal("lr_cooldown", "0.25")).isEqualTo(0.25);
  }

  @Test
  void anythingElseIsA400NamingTheField() {
    assertThatThrownBy(() -> FormFields.wholeNumber("iterations", "1e5")).isInstanceOfSatisfying(
        ProblemException.class, e -> {
          assertThat(e.problem().status()).isEqualTo(400);
          assertThat(e.problem().field()).isEqualTo("iterations");
          assertThat(e.getMessage()).contains("whole number", "1e5");
        });
    assertThatThrownBy(() -> FormFields.decimal("test_fraction", "a fifth")).isInstanceOfSatisfying(
        ProblemException.class, e -> assertThat(e.problem().field()).isEqualTo("test_fraction"));
  }
}
