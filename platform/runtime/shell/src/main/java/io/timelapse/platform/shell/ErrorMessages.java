package io.timelapse.platform.shell;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import picocli.CommandLine.ParseResult;

/**
 * The one line a failed command prints: its exception's message, or for a file that cannot be used,
 * what is wrong with it and the option it came from ({@code --data rows.npy: no such file or directory}).
 */
final class ErrorMessages {

    private ErrorMessages() {}

    static String describe(Throwable e, ParseResult parsed) {
        FileSystemException fileError = fileError(e);
        if (fileError != null && fileError.getFile() != null) {
            return describe(fileError, parsed);
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "internal error: " + e.getClass().getSimpleName() + " (--log-level DEBUG shows the details)";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static String describe(FileSystemException e, ParseResult parsed) {
        String file = e.getFile();
        String problem = FileErrors.words(e);
        PathOptions.Source source = PathOptions.find(parsed, file);
        if (source == null) {
            return file + ": " + problem;
        }
        String given = source.name() == null ? source.value() : source.name() + " " + source.value();
        return source.value().equals(file) ? given + ": " + problem : given + ": " + file + ": " + problem;
    }

    /** The file error itself, or the one a bare wrapper (an UncheckedIOException, say) carries. */
    private static FileSystemException fileError(Throwable e) {
        if (e instanceof FileSystemException fileError) {
            return fileError;
        }
        boolean bareWrapper = e instanceof UncheckedIOException || e.getMessage() == null
                || e.getCause() != null && e.getMessage().equals(e.getCause().toString());
        return bareWrapper && e.getCause() instanceof FileSystemException fileError ? fileError : null;
    }
}
