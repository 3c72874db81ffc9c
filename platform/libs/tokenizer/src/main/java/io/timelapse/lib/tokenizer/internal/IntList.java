package io.timelapse.lib.tokenizer.internal;

import java.util.Arrays;

/** A growable list of primitive ints. */
public final class IntList {

    private int[] values;
    private int size;

    public IntList(int initialCapacity) {
        values = new int[Math.max(4, initialCapacity)];
    }

    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, grownCapacity(size + 1));
        }
        values[size++] = value;
    }

    public void addAll(int[] more) {
        if (size + more.length > values.length) {
            values = Arrays.copyOf(values, grownCapacity(size + more.length));
        }
        System.arraycopy(more, 0, values, size, more.length);
        size += more.length;
    }

    public int get(int index) {
        return values[index];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }

    private int grownCapacity(int needed) {
        return Math.max(needed, values.length + (values.length >> 1));
    }
}
