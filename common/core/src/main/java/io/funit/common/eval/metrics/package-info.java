/**
 * The evaluation's scores as pure functions of plain arrays (judge outputs, features, pixels), so each is unit
 * tested on inputs that can be checked by hand: top-k accuracy, content distance on instance-normalized feature
 * maps, an Inception-Score-style score, the Fréchet distance of feature sets, SSIM and pixel L1.
 */
package io.funit.common.eval.metrics;
