/** API authentication: bearer API keys from the configuration. */
package io.funit.gateway.auth;
