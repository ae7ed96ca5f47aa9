/**
 * {@code ./funit chaos}: the fault-injection suite on hosts made of network namespaces (docs/reliability.md).
 * {@link io.funit.deploy.chaos.NetworkLab} makes the hosts, {@link io.funit.deploy.chaos.ChaosStack} runs the product
 * on them, {@link io.funit.deploy.load.MixedLoad} drives it, each {@link io.funit.deploy.chaos.Scenario} injects one
 * fault and {@link io.funit.deploy.chaos.JobAudit} holds the system to every job it accepted.
 */
package io.funit.deploy.chaos;
