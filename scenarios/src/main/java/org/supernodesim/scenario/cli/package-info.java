/**
 * The command line (picocli): run, sweep, report, compare, validate, catalog, bench. The only package that prints or exits;
 * a user mistake exits with 2 and one message, anything else is our bug (exit 1, stack trace).
 */
package org.supernodesim.scenario.cli;
