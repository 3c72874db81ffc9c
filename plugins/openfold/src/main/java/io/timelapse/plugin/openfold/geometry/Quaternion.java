package io.timelapse.plugin.openfold.geometry;

/** A quaternion (w, x, y, z); rotations use unit quaternions acting on column vectors. */
public record Quaternion(double w, double x, double y, double z) {

    public static final Quaternion IDENTITY = new Quaternion(1, 0, 0, 0);

    /** The Hamilton product {@code this · o}. */
    public Quaternion multiply(Quaternion o) {
        return new Quaternion(
                w * o.w - x * o.x - y * o.y - z * o.z,
                w * o.x + x * o.w + y * o.z - z * o.y,
                w * o.y - x * o.z + y * o.w + z * o.x,
                w * o.z + x * o.y - y * o.x + z * o.w);
    }

    /** {@code this · (0, v)}: the product with a pure quaternion, as in OpenFold's quat_multiply_by_vec. */
    public Quaternion multiplyByVector(Vec3 v) {
        return multiply(new Quaternion(0, v.x(), v.y(), v.z()));
    }

    public Quaternion plus(Quaternion o) {
        return new Quaternion(w + o.w, x + o.x, y + o.y, z + o.z);
    }

    public double norm() {
        return Math.sqrt(w * w + x * x + y * y + z * z);
    }

    public Quaternion normalize() {
        double n = norm();
        return new Quaternion(w / n, x / n, y / n, z / n);
    }

    /** The rotation matrix; the homogeneous form, exact for unit quaternions. */
    public Rotation toRotation() {
        return Rotation.fromQuaternion(this);
    }

    public double[] toArray() {
        return new double[] {w, x, y, z};
    }
}
