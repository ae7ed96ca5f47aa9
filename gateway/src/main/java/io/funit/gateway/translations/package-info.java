/** The translation API: translate uploaded or stored images, wait for or follow the job, fetch the outputs. */
package io.funit.gateway.translations;
