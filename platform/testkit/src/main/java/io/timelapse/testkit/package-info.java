/** Test support for plugin authors; used from tests only, never installed in the framework. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.testkit;
