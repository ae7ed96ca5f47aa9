/** The translate worker process: its job handlers plugged into the shared worker runtime. */
package io.funit.worker.translate;
