/**
 * The compute conformance kit: the tests a backend of {@link io.timelapse.api.compute.ComputeService}
 * runs against itself. Extend {@link io.timelapse.testkit.compute.ComputeConformance} and
 * {@link io.timelapse.testkit.compute.LeakConformance} in the backend's tests; used from tests only,
 * never installed in the framework.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.testkit.compute;
