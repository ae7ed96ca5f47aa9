/** Per-principal request rates and the HTTP server's own limits (header size, URL length, idle clients). */
package io.funit.gateway.limits;
