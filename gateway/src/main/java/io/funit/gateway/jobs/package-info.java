/** The job API: submission (queued event, then work record), reads from the job-state projection, cancel. */
package io.funit.gateway.jobs;
