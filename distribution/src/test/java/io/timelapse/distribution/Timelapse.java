package io.timelapse.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built distribution's {@code bin/timelapse} as a user would, in a working directory. */
final class Timelapse {

    static final Path DISTRIBUTION = Path.of(System.getProperty("timelapse.distribution"));
    private static final long TIMEOUT_SECONDS = 180;

    private Timelapse() {}

    /** What a run printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {

        /** Whether anything printed looks like a Java stack trace, which no user should ever see. */
        boolean stackTrace() {
            String printed = stdout + stderr;
            return printed.contains("Exception") || printed.contains("\tat ");
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** A started {@code timelapse} process whose output goes to two files. */
    record Running(Process process, Path stdout, Path stderr, String commandLine) {

        Result finish() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(commandLine + " did not exit within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        }
    }

    static Result run(Path workDirectory, String... args) throws IOException, InterruptedException {
        return start(workDirectory, args).finish();
    }

    /** Runs the {@code bin/timelapse} of the installation at {@code home}. */
    static Result run(Path home, Path workDirectory, String... args) throws IOException, InterruptedException {
        return start(home, workDirectory, args).finish();
    }

    static Running start(Path workDirectory, String... args) throws IOException {
        return start(DISTRIBUTION, workDirectory, args);
    }

    /** Runs {@code bin/timelapse} with {@code environment} added to this process's. */
    static Result run(Map<String, String> environment, Path workDirectory, String... args) throws IOException, InterruptedException {
        return start(DISTRIBUTION, environment, workDirectory, args).finish();
    }

    private static Running start(Path home, Path workDirectory, String... args) throws IOException {
        return start(home, Map.of(), workDirectory, args);
    }

    private static Running start(Path home, Map<String, String> environment, Path workDirectory, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/timelapse").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile(workDirectory, "stdout", ".txt");
        Path stderr = Files.createTempFile(workDirectory, "stderr", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new Running(process, stdout, stderr, "timelapse " + String.join(" ", args));
    }
}
