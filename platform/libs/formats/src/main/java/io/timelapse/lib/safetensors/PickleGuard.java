package io.timelapse.lib.safetensors;

import java.nio.file.Path;
import java.util.Locale;

/** Recognizes PyTorch pickle checkpoints, which this library refuses to load, and says how to convert them. */
final class PickleGuard {

    private static final String[] PICKLE_SUFFIXES = {".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle", ".bin.index.json"};

    private PickleGuard() {}

    static boolean hasPickleName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String suffix : PICKLE_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the first bytes are a zip archive (torch.save since 1.6) or a pickle stream (protocol 2 to 5). */
    static boolean hasPickleMagic(byte[] start, int length) {
        // A safetensors header starts with '{' right after its 8-byte length, whose first bytes can
        // look like a pickle protocol marker (a 640-byte header begins 0x80 0x02).
        if (length >= 9 && start[8] == '{') {
            return false;
        }
        if (length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4) {
            return true;
        }
        return length >= 2 && (start[0] & 0xFF) == 0x80 && start[1] >= 2 && start[1] <= 5;
    }

    static SafetensorsFormatException refusal(Path file) {
        return new SafetensorsFormatException(file.toString(),
                "this is a PyTorch pickle checkpoint, not safetensors. Timelapse never unpickles files, because "
                + "loading a pickle can run arbitrary code. Convert it once in Python with the safetensors package: "
                + "import torch; from safetensors.torch import save_file; "
                + "sd = torch.load('pytorch_model.bin', map_location='cpu', weights_only=True); "
                + "save_file({k: v.contiguous().clone() for k, v in sd.items()}, 'model.safetensors', metadata={'format': 'pt'}) "
                + "(for a sharded pytorch_model.bin.index.json, convert each shard and write model.safetensors.index.json "
                + "with the same weight_map pointing at the new files; transformers' "
                + "save_pretrained(..., safe_serialization=True) does all of this)");
    }
}
