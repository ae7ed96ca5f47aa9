/**
 * The evaluation API: submit an evaluation of a model on a dataset's held-out classes (checked against the store
 * before it is queued), watch it, and read its report (HTML page, JSON, sample grids) once it has succeeded.
 */
package io.funit.gateway.evaluations;
