package io.timelapse.platform.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

class InvocationTest {

    @Command(name = "demo")
    static final class PluginDemo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seed")
        long seed;

        Invocation seen;

        @Override
        public Integer call() {
            seen = Invocation.of(spec);
            return 0;
        }
    }

    /** {@code timelapse demo}: runs every plugin's demo through the plugin's own command line. */
    @Command(name = "demo")
    static final class UmbrellaDemo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seed")
        long seed;

        @Override
        public Integer call() {
            return spec.root().commandLine().getSubcommands().get("pythia").execute("demo", "--seed", "5");
        }
    }

    @Command(name = "timelapse")
    static final class Root {}

    @Command(name = "pythia")
    static final class Group {}

    private final PluginDemo pluginDemo = new PluginDemo();
    private final CommandLine root = new CommandLine(new Root())
            .addSubcommand(new CommandLine(new UmbrellaDemo()))
            .addSubcommand(new CommandLine(new Group()).addSubcommand(new CommandLine(pluginDemo)));

    @Test
    void aCommandTheUserTypedRecordsOnlyItsCommandLine() {
        assertEquals(0, root.execute("pythia", "demo", "--seed", "5"));
        assertEquals(List.of("timelapse", "pythia", "demo", "--seed", "5"), pluginDemo.seen.commandLine());
        assertNull(pluginDemo.seen.invokedAs());
    }

    @Test
    void aCommandRunByAnotherRecordsWhatTheUserTyped() {
        assertEquals(0, root.execute("demo", "--seed", "5"));
        assertEquals(List.of("timelapse", "pythia", "demo", "--seed", "5"), pluginDemo.seen.commandLine());
        assertEquals(List.of("timelapse", "demo", "--seed", "5"), pluginDemo.seen.invokedAs());
    }
}
