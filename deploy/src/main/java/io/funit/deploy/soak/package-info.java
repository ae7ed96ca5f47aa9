/**
 * {@code ./funit soak}: an hour (by default) of steady mixed load on the embedded stack, sampling every process's
 * resident memory and open files, the job-state projection and the translation latency, and judging whether each
 * stayed flat after warm-up.
 */
package io.funit.deploy.soak;
