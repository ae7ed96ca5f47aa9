package io.funit.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabLayoutTest {
  @Test
  void hostsAreNumberedTheSameWayInsideAndOutsideTheLab() {
    LabLayout full = LabLayout.full();
    assertThat(full.hostNames()).containsExactly("kafka", "s3", "gateway-1", "gateway-2", "translate-1",
        "translate-2", "train-1", "train-2", "eval-1", "eval-2", "webhooks", "client");
    NetworkLab lab = NetworkLab.attach(full.hostNames());
    assertThat(lab.host("kafka").address()).isEqualTo("10.77.0.10");
    assertThat(lab.host("client").address()).isEqualTo("10.77.0.21");
    assertThat(lab.host("translate-2").namespace()).isEqualTo("funitc-translate-2");
    // interface names are at most 15 characters
    assertThat(lab.hosts()).allSatisfy(host -> assertThat(host.switchPort().length()).isLessThanOrEqualTo(15));
    assertThatThrownBy(() -> lab.host("nope")).hasMessageContaining("no host nope");
    assertThatThrownBy(() -> LabLayout.named("huge")).hasMessageContaining("known: small, full");
  }
}
