/** {@code ./funit up}: the embedded stack (Kafka and S3 in-process, gateway and workers as child processes). */
package io.funit.deploy.up;
