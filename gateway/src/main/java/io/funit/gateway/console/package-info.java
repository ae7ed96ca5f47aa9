/**
 * The web console: static assets (plain JavaScript modules, no build step) packaged in the gateway jar and served at
 * {@code /}, with no network access at run time. The console calls the same {@code /v1} API as any client, with the
 * API key the user signs in with.
 */
package io.funit.gateway.console;
