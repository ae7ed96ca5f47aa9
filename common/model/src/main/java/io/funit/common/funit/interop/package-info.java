/**
 * FUNIT's networks against the outside: export to the official checkpoint layout ({@code OfficialWeights}) and the
 * check against independent re-implementations of the spec ({@code ReferenceCheck}, tools/reference). Above both the
 * networks and the weight files, so neither points back here.
 */
package io.funit.common.funit.interop;
