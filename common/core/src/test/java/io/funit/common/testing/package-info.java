/** Shared test infrastructure (published in the common test-jar): real servers and topic inspection. */
package io.funit.common.testing;
