/** API keys as the gateway and {@code ./funit keys} share them: the keys file of hashed keys. */
package io.funit.common.auth;
