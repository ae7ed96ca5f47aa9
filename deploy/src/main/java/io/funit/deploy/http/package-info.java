/** What the launcher's own HTTP clients share (benchmarks, the fault-injection load). */
package io.funit.deploy.http;
