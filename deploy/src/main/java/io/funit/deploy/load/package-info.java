/**
 * Load on a running stack as its users make it: an API client that rotates over gateways and counts every answer,
 * and the mixed load (a dataset upload, short trainings, evaluations, translation clients with webhooks) that
 * {@code ./funit chaos} and {@code ./funit soak} run.
 */
package io.funit.deploy.load;
