package io.funit.common.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CommonPoolTest {
  @Test
  void smallMachinesGetAPoolAndAnOperatorsChoiceStands() {
    assertEquals("4", CommonPool.parallelism(null, 1));
    assertEquals("4", CommonPool.parallelism(null, 2));
    assertNull(CommonPool.parallelism(null, 3), "3 cores: the JVM's default is 2 threads, a real pool");
    assertNull(CommonPool.parallelism("1", 2), "set with -D: left as chosen");
  }
}
