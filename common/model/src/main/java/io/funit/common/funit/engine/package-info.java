/** How the FUNIT code meets DJL's engine: the compute device every NDManager of a process uses. */
package io.funit.common.funit.engine;
