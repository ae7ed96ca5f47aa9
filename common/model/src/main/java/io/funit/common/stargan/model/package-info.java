/**
 * StarGAN (Choi et al., CVPR 2018) as the paper's few-shot baselines need it (FUNIT Table 1: StarGAN-Fair-K and
 * StarGAN-Unfair-K): one generator conditioned on a target domain vector, and a PatchGAN discriminator with an
 * auxiliary domain classifier. Written from the paper's appendix; layer for layer the authors' architecture, with
 * two exact re-expressions where DJL 0.25's PyTorch engine lacks an op or the paper's form would waste compute (a
 * transposed convolution by four sub-pixel convolutions, the domain channels' convolution by a per-sample kernel).
 */
package io.funit.common.stargan.model;
