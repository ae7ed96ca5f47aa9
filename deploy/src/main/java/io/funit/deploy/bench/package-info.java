/** {@code ./funit bench}: training and translation benchmarks that print JSON (results in docs/benchmarks.md). */
package io.funit.deploy.bench;
