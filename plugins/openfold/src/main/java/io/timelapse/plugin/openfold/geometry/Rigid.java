package io.timelapse.plugin.openfold.geometry;

/**
 * A rigid transform x ↦ R·x + t (AF2's "frame"). The operation names match OpenFold's
 * {@code Rigid} so that the in-graph version reads alike.
 */
public record Rigid(Rotation rotation, Vec3 translation) {

    public static final Rigid IDENTITY = new Rigid(Rotation.IDENTITY, Vec3.ZERO);

    /** OpenFold's default epsilon for {@link #fromThreePoints}. */
    public static final double DEFAULT_EPS = 1e-8;

    /**
     * AF2 Alg. 21 (Gram–Schmidt): the x axis points from {@code pNegXAxis} to {@code origin}, the
     * xy plane contains {@code pXyPlane}; eps regularises the norms as OpenFold does.
     */
    public static Rigid fromThreePoints(Vec3 pNegXAxis, Vec3 origin, Vec3 pXyPlane, double eps) {
        Vec3 e0 = origin.minus(pNegXAxis);
        Vec3 e1 = pXyPlane.minus(origin);
        e0 = e0.scale(1 / Math.sqrt(e0.dot(e0) + eps));
        e1 = e1.minus(e0.scale(e0.dot(e1)));
        e1 = e1.scale(1 / Math.sqrt(e1.dot(e1) + eps));
        Vec3 e2 = e0.cross(e1);
        return new Rigid(Rotation.ofColumns(e0, e1, e2), origin);
    }

    public static Rigid fromThreePoints(Vec3 pNegXAxis, Vec3 origin, Vec3 pXyPlane) {
        return fromThreePoints(pNegXAxis, origin, pXyPlane, DEFAULT_EPS);
    }

    public static Rigid fromQuaternion(Quaternion q, Vec3 translation) {
        return new Rigid(q.toRotation(), translation);
    }

    /** From a row-major 4×4 homogeneous matrix (16 entries at {@code offset}). */
    public static Rigid fromTensor4x4(double[] m, int offset) {
        Rotation r = Rotation.ofRowMajor(
                m[offset], m[offset + 1], m[offset + 2],
                m[offset + 4], m[offset + 5], m[offset + 6],
                m[offset + 8], m[offset + 9], m[offset + 10]);
        return new Rigid(r, new Vec3(m[offset + 3], m[offset + 7], m[offset + 11]));
    }

    /** From OpenFold's tensor_7 form: quaternion (w, x, y, z), normalised, then translation. */
    public static Rigid fromTensor7(double[] v, int offset) {
        Quaternion q = new Quaternion(v[offset], v[offset + 1], v[offset + 2], v[offset + 3]).normalize();
        return new Rigid(q.toRotation(), new Vec3(v[offset + 4], v[offset + 5], v[offset + 6]));
    }

    /** {@code this ∘ other}: apply {@code other} first, then this. */
    public Rigid compose(Rigid other) {
        return new Rigid(rotation.compose(other.rotation), rotation.apply(other.translation).plus(translation));
    }

    /** Composes with a pure rotation on the right (OpenFold's compose with Rigid(rot, None)). */
    public Rigid composeRotation(Rotation r) {
        return new Rigid(rotation.compose(r), translation);
    }

    public Rigid invert() {
        Rotation inv = rotation.invert();
        return new Rigid(inv, inv.apply(translation).scale(-1));
    }

    public Vec3 apply(Vec3 point) {
        return rotation.apply(point).plus(translation);
    }

    public Vec3 invertApply(Vec3 point) {
        return rotation.invertApply(point.minus(translation));
    }

    /**
     * OpenFold's compose_q_update_vec (AF2 Alg. 23 backbone update): the 6-vector (b, c, d, tx,
     * ty, tz) updates the quaternion q ← normalise(q + q·(0, b, c, d)) and the translation
     * t ← t + R_old·(tx, ty, tz).
     */
    public Rigid composeQUpdateVec(double[] update, int offset) {
        Quaternion q = rotation.toQuaternion();
        return composeQUpdateVec(q, update, offset);
    }

    /** As {@link #composeQUpdateVec(double[], int)} with this frame's quaternion given explicitly. */
    public Rigid composeQUpdateVec(Quaternion q, double[] update, int offset) {
        Vec3 qVec = new Vec3(update[offset], update[offset + 1], update[offset + 2]);
        Vec3 tVec = new Vec3(update[offset + 3], update[offset + 4], update[offset + 5]);
        Quaternion newQ = q.plus(q.multiplyByVector(qVec)).normalize();
        return new Rigid(newQ.toRotation(), translation.plus(rotation.apply(tVec)));
    }

    /** Row-major 4×4 homogeneous matrix. */
    public double[] toTensor4x4() {
        double[] r = rotation.toArray();
        return new double[] {
            r[0], r[1], r[2], translation.x(),
            r[3], r[4], r[5], translation.y(),
            r[6], r[7], r[8], translation.z(),
            0, 0, 0, 1};
    }

    /** OpenFold's tensor_7: quaternion (w, x, y, z) then translation. */
    public double[] toTensor7() {
        Quaternion q = rotation.toQuaternion();
        return new double[] {q.w(), q.x(), q.y(), q.z(), translation.x(), translation.y(), translation.z()};
    }
}
