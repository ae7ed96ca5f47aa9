/** {@code ./funit keys}: API keys of tenants, kept hashed in the keys file. */
package io.funit.deploy.keys;
