package io.timelapse.plugin.openfold.geometry;

/** A 3×3 rotation matrix acting on column vectors, stored row-major. */
public final class Rotation {

    public static final Rotation IDENTITY = new Rotation(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

    private final double[] m;

    private Rotation(double[] rowMajor) {
        this.m = rowMajor;
    }

    /** A rotation from 9 row-major entries; the array is copied. */
    public static Rotation ofRowMajor(double... rowMajor) {
        if (rowMajor.length != 9) {
            throw new IllegalArgumentException("a rotation needs 9 entries, got " + rowMajor.length);
        }
        return new Rotation(rowMajor.clone());
    }

    /** The rotation whose columns are the three given axes. */
    public static Rotation ofColumns(Vec3 e0, Vec3 e1, Vec3 e2) {
        return new Rotation(new double[] {
            e0.x(), e1.x(), e2.x(),
            e0.y(), e1.y(), e2.y(),
            e0.z(), e1.z(), e2.z()});
    }

    public static Rotation diagonal(double a, double b, double c) {
        return new Rotation(new double[] {a, 0, 0, 0, b, 0, 0, 0, c});
    }

    static Rotation fromQuaternion(Quaternion q) {
        double w = q.w();
        double x = q.x();
        double y = q.y();
        double z = q.z();
        return new Rotation(new double[] {
            w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z});
    }

    public double get(int row, int col) {
        return m[row * 3 + col];
    }

    /** Matrix product {@code this · o}: apply {@code o} first, then this. */
    public Rotation compose(Rotation o) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i * 3 + j] = m[i * 3] * o.m[j] + m[i * 3 + 1] * o.m[3 + j] + m[i * 3 + 2] * o.m[6 + j];
            }
        }
        return new Rotation(r);
    }

    /** The inverse, i.e. the transpose. */
    public Rotation invert() {
        return new Rotation(new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]});
    }

    public Vec3 apply(Vec3 v) {
        return new Vec3(
                m[0] * v.x() + m[1] * v.y() + m[2] * v.z(),
                m[3] * v.x() + m[4] * v.y() + m[5] * v.z(),
                m[6] * v.x() + m[7] * v.y() + m[8] * v.z());
    }

    public Vec3 invertApply(Vec3 v) {
        return new Vec3(
                m[0] * v.x() + m[3] * v.y() + m[6] * v.z(),
                m[1] * v.x() + m[4] * v.y() + m[7] * v.z(),
                m[2] * v.x() + m[5] * v.y() + m[8] * v.z());
    }

    /**
     * The unit quaternion of this rotation, with w ≥ 0 (the sign of a quaternion is arbitrary;
     * OpenFold's eigenvector-based rot_to_quat may return either sign).
     */
    public Quaternion toQuaternion() {
        double trace = m[0] + m[4] + m[8];
        double w;
        double x;
        double y;
        double z;
        // Shepperd's method: divide by the largest of the four candidate magnitudes.
        if (trace >= m[0] && trace >= m[4] && trace >= m[8]) {
            double s = 2 * Math.sqrt(Math.max(0, 1 + trace));
            w = s / 4;
            x = (m[7] - m[5]) / s;
            y = (m[2] - m[6]) / s;
            z = (m[3] - m[1]) / s;
        } else if (m[0] >= m[4] && m[0] >= m[8]) {
            double s = 2 * Math.sqrt(Math.max(0, 1 + m[0] - m[4] - m[8]));
            w = (m[7] - m[5]) / s;
            x = s / 4;
            y = (m[1] + m[3]) / s;
            z = (m[2] + m[6]) / s;
        } else if (m[4] >= m[8]) {
            double s = 2 * Math.sqrt(Math.max(0, 1 + m[4] - m[0] - m[8]));
            w = (m[2] - m[6]) / s;
            x = (m[1] + m[3]) / s;
            y = s / 4;
            z = (m[5] + m[7]) / s;
        } else {
            double s = 2 * Math.sqrt(Math.max(0, 1 + m[8] - m[0] - m[4]));
            w = (m[3] - m[1]) / s;
            x = (m[2] + m[6]) / s;
            y = (m[5] + m[7]) / s;
            z = s / 4;
        }
        Quaternion q = new Quaternion(w, x, y, z).normalize();
        return q.w() < 0 ? new Quaternion(-q.w(), -q.x(), -q.y(), -q.z()) : q;
    }

    /** Row-major copy of the 9 entries. */
    public double[] toArray() {
        return m.clone();
    }
}
