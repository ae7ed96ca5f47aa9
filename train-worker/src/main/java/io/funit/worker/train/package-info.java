/** The train worker process: its job handlers plugged into the shared worker runtime. */
package io.funit.worker.train;
