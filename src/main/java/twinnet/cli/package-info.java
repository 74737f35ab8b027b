/** The command line: parsing and wiring only; everything it does is reachable through the library. */
package twinnet.cli;
