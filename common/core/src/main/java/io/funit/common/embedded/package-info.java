/**
 * Real servers for the embedded mode and the integration tests: a KRaft Kafka broker and an S3Proxy S3 server
 * in the current JVM. Their dependencies are optional in common; deploy and the test scopes bring them.
 */
package io.funit.common.embedded;
