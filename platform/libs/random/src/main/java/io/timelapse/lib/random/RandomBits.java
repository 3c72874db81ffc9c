package io.timelapse.lib.random;

/** A source of uniformly random bits, as numpy's bit generators give them. */
public interface RandomBits {

    /** 32 random bits (numpy's {@code next_uint32}). */
    int nextInt32();

    /** 64 random bits (numpy's {@code next_uint64}). */
    long nextInt64();
}
