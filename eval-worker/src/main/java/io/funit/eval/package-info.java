/** The eval worker process: its job handlers plugged into the shared worker runtime. */
package io.funit.eval;
