/** StarGAN models as the translate and eval paths use them: the model file and the few-shot translator. */
package io.funit.common.stargan.serving;
