/**
 * Weight interchange: official state_dict key names and safetensors files, so models trained with the official
 * PyTorch code (converted to safetensors) load here, and ours can be exported.
 */
package io.funit.common.funit.weights;
