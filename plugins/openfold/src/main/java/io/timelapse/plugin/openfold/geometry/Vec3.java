package io.timelapse.plugin.openfold.geometry;

/** A point or vector in 3-space, in double precision. */
public record Vec3(double x, double y, double z) {

    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public static Vec3 of(double[] xyz, int offset) {
        return new Vec3(xyz[offset], xyz[offset + 1], xyz[offset + 2]);
    }

    public static Vec3 of(float[] xyz, int offset) {
        return new Vec3(xyz[offset], xyz[offset + 1], xyz[offset + 2]);
    }

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 scale(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double norm() {
        return Math.sqrt(dot(this));
    }

    public double distance(Vec3 o) {
        return minus(o).norm();
    }

    public void writeTo(double[] out, int offset) {
        out[offset] = x;
        out[offset + 1] = y;
        out[offset + 2] = z;
    }

    public void writeTo(float[] out, int offset) {
        out[offset] = (float) x;
        out[offset + 1] = (float) y;
        out[offset + 2] = (float) z;
    }
}
