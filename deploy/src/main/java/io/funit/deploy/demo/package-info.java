/** {@code ./funit demo}: the product end to end on one machine, from Debian font packages to a default model. */
package io.funit.deploy.demo;
