/**
 * {@code ./funit serve kafka|s3|webhook-receiver}: the embedded stack's servers, one per process, bound to an address
 * given on the command line, so each can live on a host of its own (the fault-injection suite's network namespaces).
 */
package io.funit.deploy.serve;
