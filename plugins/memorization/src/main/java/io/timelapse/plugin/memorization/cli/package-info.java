/** The {@code timelapse memorization …} commands and the plugin module. */
package io.timelapse.plugin.memorization.cli;
