/** The {@code timelapse pythia …} commands. Flag names follow gpt-neox's argument names. */
package io.timelapse.plugin.pythia.cli;
