/**
 * What a training job leaves in the object store besides checkpoints, readable without libtorch (the gateway
 * serves it): the metric history in segments and the sample grids.
 */
package io.funit.common.training;
