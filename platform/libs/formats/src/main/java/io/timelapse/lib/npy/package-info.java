/**
 * NumPy's {@code .npy} and {@code .npz} files: reading (format versions 1.0 to 3.0, either byte
 * order, C or Fortran order, memory-mapped for large arrays) and writing (version 1.0, byte for
 * byte as {@code numpy.save} writes it).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.npy;
