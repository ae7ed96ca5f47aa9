/**
 * Service configuration: environment variables (or a properties file named by FUNIT_CONFIG) turned into
 * typed, validated settings records. The README's configuration table lists every key.
 */
package io.funit.common.config;
