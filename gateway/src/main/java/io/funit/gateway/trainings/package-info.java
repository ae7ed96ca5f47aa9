/** The training API: submit, watch (progress, metrics, sample grids), cancel and continue trainings. */
package io.funit.gateway.trainings;
