package io.funit.common.worker;

import io.funit.common.config.Settings;
import io.funit.common.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a worker process gives its job handlers when it builds them.
 *
 * @param metrics the process's registry, for the handlers' own meters (e.g. the translate batcher's)
 */
public record WorkerServices(Settings settings, ObjectStore store, MeterRegistry metrics) {}
