package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.DType;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/** The API's dtypes and TensorFlow's, both ways. */
final class DTypes {

    private DTypes() {}

    static DataType toTf(DType dtype) {
        switch (dtype) {
            case F16:
                return DataType.DT_HALF;
            case BF16:
                return DataType.DT_BFLOAT16;
            case F32:
                return DataType.DT_FLOAT;
            case F64:
                return DataType.DT_DOUBLE;
            case I32:
                return DataType.DT_INT32;
            case I64:
                return DataType.DT_INT64;
            case U8:
                return DataType.DT_UINT8;
            default:
                return DataType.DT_BOOL;
        }
    }

    static Class<? extends TType> tensorType(DType dtype) {
        switch (dtype) {
            case F16:
                return TFloat16.class;
            case BF16:
                return TBfloat16.class;
            case F32:
                return TFloat32.class;
            case F64:
                return TFloat64.class;
            case I32:
                return TInt32.class;
            case I64:
                return TInt64.class;
            case U8:
                return TUint8.class;
            default:
                return TBool.class;
        }
    }

    static DType fromTf(DataType dataType) {
        switch (dataType) {
            case DT_HALF:
                return DType.F16;
            case DT_BFLOAT16:
                return DType.BF16;
            case DT_FLOAT:
                return DType.F32;
            case DT_DOUBLE:
                return DType.F64;
            case DT_INT32:
                return DType.I32;
            case DT_INT64:
                return DType.I64;
            case DT_UINT8:
                return DType.U8;
            case DT_BOOL:
                return DType.BOOL;
            default:
                throw new IllegalArgumentException("TensorFlow type " + dataType + " has no counterpart in the compute API");
        }
    }
}
