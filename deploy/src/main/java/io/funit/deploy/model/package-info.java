/** {@code ./funit model}: preset parameter counts and reference-output checks of weights. */
package io.funit.deploy.model;
