/** StarGAN's training step (WGAN-GP with a domain classifier and cycle reconstruction), optimizer and checkpoints. */
package io.funit.common.stargan.train;
