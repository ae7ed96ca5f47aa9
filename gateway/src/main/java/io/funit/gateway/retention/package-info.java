/**
 * How long finished jobs stay known: a sweep that forgets the old ones, so that the job-state projection every
 * gateway and worker holds stays bounded however long the system runs.
 */
package io.funit.gateway.retention;
