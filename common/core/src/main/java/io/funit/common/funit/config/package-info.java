/** Typed FUNIT configurations and the named presets (the official animal-128 and the CPU-sized font-64). */
package io.funit.common.funit.config;
