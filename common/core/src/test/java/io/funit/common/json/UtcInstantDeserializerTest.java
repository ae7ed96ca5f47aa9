package io.funit.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtcInstantDeserializerTest {
  private record Stamped(Instant at) {}

  @Test
  void readsWhatTheSystemWritesAsTheStandardParserDoes() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      // 1900..2200, every precision from whole seconds to nanoseconds
      Instant instant = Instant.ofEpochSecond(-2_208_988_800L + (long) (random.nextDouble() * 9_467_280_000L),
          random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
      String written = Json.write(new Stamped(instant));
      assertEquals(instant, Json.MAPPER.readValue(written, Stamped.class).at(), written);
      assertEquals(Instant.parse(instant.toString()), UtcInstantDeserializer.parse(instant.toString()));
    }
    assertEquals(Instant.parse("2024-02-29T23:59:59.5Z"), UtcInstantDeserializer.parse("2024-02-29T23:59:59.5Z"));
  }

  @Test
  void leavesEveryOtherFormToJacksonWithTheSameOutcome() throws Exception {
    for (String other : new String[] {"2026-12-07T01:30:06+01:00", "2026-12-07T01:30:06.1234567891Z",
        "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2026-12-07T24:00:00Z", "2026-12-07 01:30:06Z",
        "2026-12-07T01:30:06.Z", "+12026-12-07T01:30:06Z"}) {
      assertNull(UtcInstantDeserializer.parse(other), other);
    }
    assertEquals(Instant.parse("2026-12-07T00:30:06Z"),
        Json.MAPPER.readValue("{\"at\":\"2026-12-07T01:30:06+01:00\"}", Stamped.class).at());
    assertEquals(Instant.ofEpochSecond(1_700_000_000L),
        Json.MAPPER.readValue("{\"at\":1700000000}", Stamped.class).at());
    assertThrows(JsonMappingException.class, () -> Json.MAPPER.readValue("{\"at\":\"2026-02-30T00:00:00Z\"}",
        Stamped.class));
    assertThrows(JsonMappingException.class, () -> Json.MAPPER.readValue("{\"at\":\"yesterday\"}", Stamped.class));
  }
}
