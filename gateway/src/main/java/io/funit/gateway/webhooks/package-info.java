/**
 * Webhooks per the Standard Webhooks specification: the submission fields, signing, the SSRF guard, the durable
 * dispatcher that follows the job-event topic, and the delivery log (docs/architecture.md, "Webhooks").
 */
package io.funit.gateway.webhooks;
