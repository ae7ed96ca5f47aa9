package io.funit.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobType;
import io.funit.common.json.Json;
import io.funit.common.training.TrainJob;
import io.funit.common.translate.TranslateJob;
import io.funit.common.translate.TranslateRequest;
import io.funit.common.worker.probe.ProbeJob;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobDescriptorsTest {
  @Test
  void everyRegisteredTypeIsFoundOnceInWireNameOrderWithItsPartitions() {
    assertThat(JobDescriptors.types()).extracting(JobType::wireName)
        .containsExactly("dataset", "eval", "probe", "train", "translate");
    assertThat(JobDescriptors.of(TranslateJob.TYPE).workPartitions()).isEqualTo(12);
    assertThat(JobDescriptors.of(TrainJob.TYPE).requestClass().getSimpleName()).isEqualTo("TrainRequest");
  }

  @Test
  void typesAreInternedValuesThatReadAndWriteAsTheirWireName() throws Exception {
    assertThat(JobType.named("probe")).isSameAs(ProbeJob.TYPE);
    assertThat(Json.write(ProbeJob.TYPE)).isEqualTo("\"probe\"");
    assertThat(Json.MAPPER.readValue("\"probe\"", JobType.class)).isSameAs(ProbeJob.TYPE);
    // a message of a type this build does not know is still read
    assertThat(Json.MAPPER.readValue("\"classify\"", JobType.class).wireName()).isEqualTo("classify");
    assertThatThrownBy(() -> JobType.named("Not A Name")).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aNameFromAPersonMustBeAKnownTypeAndTheErrorListsThem() {
    assertThat(JobDescriptors.byWireName(" Train ")).isSameAs(TrainJob.TYPE);
    assertThatThrownBy(() -> JobDescriptors.byWireName("classify")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("classify").hasMessageContaining("translate");
  }

  @Test
  void aRequestsReferencesNameTheirFieldsAndSkipWhatIsNotGiven() {
    TranslateRequest request = new TranslateRequest(null, List.of("inputs/a/c.png", "inputs/a/d.png"), null,
        "style-1", null);
    List<JobReference> references = new TranslateJob().references(request);
    assertThat(references).filteredOn(JobReference::present).extracting(JobReference::field)
        .containsExactly("style_id", "content_keys[0]", "content_keys[1]");
    assertThat(references).filteredOn(r -> !r.present()).extracting(JobReference::kind)
        .containsExactly(JobReference.Kind.MODEL);
  }
}
