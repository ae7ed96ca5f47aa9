/**
 * StarGAN as a second model family ({@link io.funit.common.stargan.StarGanFamily}): trained, checkpointed and served
 * through the same jobs as FUNIT, as the FUNIT paper's StarGAN-Fair-K and StarGAN-Unfair-K baselines.
 */
package io.funit.common.stargan;
