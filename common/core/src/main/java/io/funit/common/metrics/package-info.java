/**
 * Prometheus metrics through Micrometer: the process registry with its JVM, GC and process figures, and the job
 * figures every worker exports. Names and labels are listed in the README's metrics table.
 */
package io.funit.common.metrics;
