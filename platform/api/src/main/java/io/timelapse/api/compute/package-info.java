/**
 * The backend-neutral graph API every plugin computes through: dtypes, shapes, host tensors, a
 * graph builder with named scopes, variables, operations, gradients and sessions. One backend
 * bundle implements {@link io.timelapse.api.compute.ComputeService}; plugins never see it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.api.compute;
