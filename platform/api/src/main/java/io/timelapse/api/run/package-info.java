/** Run directories and their provenance ({@code run.json}), written for every command that produces results. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.api.run;
