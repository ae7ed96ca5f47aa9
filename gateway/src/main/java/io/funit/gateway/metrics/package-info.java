/** The gateway's own metrics beyond the per-feature counters: the consumer lag of every worker type. */
package io.funit.gateway.metrics;
