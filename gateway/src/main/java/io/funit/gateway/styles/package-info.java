/** The style API: K class images stored once under an id, for translations that reuse a look. */
package io.funit.gateway.styles;
