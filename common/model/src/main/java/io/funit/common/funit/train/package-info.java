/**
 * FUNIT training: the discriminator and generator steps (one method each, returning named scalars), the R1
 * penalty, PyTorch's RMSprop, the EMA generator update and gradient bookkeeping. Reference: funit-spec §3–§4.
 */
package io.funit.common.funit.train;
