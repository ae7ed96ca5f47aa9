/**
 * What the gateway and the translate-worker share about translations: stored styles, the limits on a request's
 * images, and the result record a translation job ends with.
 */
package io.funit.common.translate;
