/**
 * The program's contract with the user's files and machine: {@link twinnet.io.Outputs} (every output
 * checked before the work, written through a temporary and moved into place, never over an input or over
 * anything twinnet did not write), {@link twinnet.io.Resources} (every size a user can type, against the
 * memory and disk there are), {@link twinnet.io.Cleanup} (Ctrl-C and temporaries, one shutdown hook) and
 * {@link twinnet.io.JsonFile} (twinnet's own JSON files read back with one-line errors). No other package
 * writes a user's file by itself.
 */
package twinnet.io;
