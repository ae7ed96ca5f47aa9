/**
 * Weight interchange: official state_dict key names and safetensors files, so models trained with the official
 * PyTorch code (converted to safetensors) load here; the export itself is in {@code funit.interop}.
 */
package io.funit.common.funit.weights;
