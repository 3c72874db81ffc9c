package org.tensorflow.planted;

/** Stands for a TensorFlow class in planted violations; TensorFlow itself is not on this class path. */
public final class FakeGraph {}
