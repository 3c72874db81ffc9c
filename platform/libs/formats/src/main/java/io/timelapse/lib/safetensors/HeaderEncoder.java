package io.timelapse.lib.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Encodes a header as the reference writer does: compact JSON, {@code __metadata__} first, tensors in
 * data order, then spaces up to a multiple of 8 bytes so the data section starts aligned.
 */
final class HeaderEncoder {

    private static final JsonFactory JSON = new JsonFactory();

    private HeaderEncoder() {}

    /** The JSON bytes, padded; the caller writes their length before them. */
    static byte[] encode(Map<String, String> metadata, List<TensorInfo> tensors) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            if (!metadata.isEmpty()) {
                json.writeObjectFieldStart(HeaderParser.METADATA_KEY);
                for (Map.Entry<String, String> entry : metadata.entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
            }
            for (TensorInfo info : tensors) {
                json.writeObjectFieldStart(info.name());
                json.writeStringField("dtype", info.dtype().code());
                json.writeArrayFieldStart("shape");
                for (long dim : info.shape()) {
                    json.writeNumber(dim);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("data_offsets");
                json.writeNumber(info.begin());
                json.writeNumber(info.end());
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int padding = (8 - bytes.size() % 8) % 8;
        for (int i = 0; i < padding; i++) {
            bytes.write(' ');
        }
        return bytes.toByteArray();
    }
}
