/** The API's own description: the OpenAPI 3.1 document served at {@code /openapi.json}. */
package io.funit.gateway.openapi;
