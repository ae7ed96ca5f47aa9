/** StarGAN's typed configuration and presets, model-free so that the gateway can check a training request. */
package io.funit.common.stargan.config;
