/** Token rows stored in standard formats, offered as training data in file order; compact vocabularies of the ids data uses. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.tokens;
