/**
 * Kafka plumbing shared by the gateway and the workers: topic names and creation, the client factory, the
 * job-event publisher and the job-state projection that rebuilds every job's state from the event topic.
 */
package io.funit.common.kafka;
