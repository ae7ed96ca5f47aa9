/** The gateway process: HTTP API over the job topics. Features live in sub-packages. */
package io.funit.gateway;
