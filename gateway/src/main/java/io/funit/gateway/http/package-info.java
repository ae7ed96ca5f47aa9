/** HTTP helpers shared by the gateway's feature routes. */
package io.funit.gateway.http;
