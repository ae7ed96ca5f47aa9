/**
 * {@code ./funit reproduce}: the index of published figures ({@code docs/reproduce.json}: each with the command that
 * produced it, the machine, the cost) and the runner that measures one again beside its published value.
 */
package io.funit.deploy.reproduce;
