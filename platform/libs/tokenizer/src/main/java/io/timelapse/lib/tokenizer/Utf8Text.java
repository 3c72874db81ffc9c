package io.timelapse.lib.tokenizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Text to tokenize, decoded strictly as UTF-8: a malformed byte sequence is an error naming its source rather than a
 * replacement character that would change the token ids.
 */
public final class Utf8Text {

    private Utf8Text() {}

    /** The text of {@code file}; a missing file or one that is not UTF-8 is an {@link IOException} naming it. */
    public static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such text file");
        }
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** {@code bytes} decoded; {@code source} names them in the error. */
    public static String decode(byte[] bytes, String source) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(source + ": not valid UTF-8 text (" + e.getMessage() + ")", e);
        }
    }
}
