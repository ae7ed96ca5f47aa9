/** The launcher: {@code ./funit} subcommands that run in the deploy jar (the embedded stack, and later tools). */
package io.funit.deploy;
