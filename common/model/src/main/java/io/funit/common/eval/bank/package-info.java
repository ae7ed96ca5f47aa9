/**
 * What every stage of an evaluation reads and reports to: the held-out images ({@link
 * io.funit.common.eval.bank.ImageBank}) and {@link io.funit.common.eval.bank.Progress}. The bottom of the evaluation
 * packages: the protocol, the judges and the evaluation itself depend on it, it on none of them.
 */
package io.funit.common.eval.bank;
