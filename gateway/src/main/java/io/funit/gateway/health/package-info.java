/** Liveness and readiness endpoints for launchers and orchestrators. */
package io.funit.gateway.health;
