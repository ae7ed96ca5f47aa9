/** {@code ./funit eval}: an evaluation run in the launcher's JVM against the configured object store. */
package io.funit.deploy.eval;
