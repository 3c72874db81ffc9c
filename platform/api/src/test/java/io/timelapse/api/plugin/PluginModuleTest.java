package io.timelapse.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import io.timelapse.api.cli.PluginCommand;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import picocli.CommandLine.Command;

/** The plugin wiring on a real Felix framework: required services, provided services, commands, stop. */
class PluginModuleTest {

    public interface Greeter {
        String greet(String name);
    }

    public interface Counter {
        int next();
    }

    static final class CountingCounter implements Counter {
        private int count;

        @Override
        public int next() {
            return ++count;
        }
    }

    @Command(name = "greet")
    static final class GreetCommand implements PluginCommand {
        final Greeter greeter;
        final Counter counter;

        @Inject
        GreetCommand(Greeter greeter, Counter counter) {
            this.greeter = greeter;
            this.counter = counter;
        }

        @Override
        public Integer call() {
            return counter.next();
        }
    }

    static final class NotACommand implements PluginCommand {
        @Override
        public Integer call() {
            return 0;
        }
    }

    static final class HelloModule extends PluginModule {
        Greeter greeter;

        @Override
        protected void configure() {
            require(Greeter.class);
            provide(Counter.class, CountingCounter.class);
            command(GreetCommand.class);
            command(GreetCommand.class, "hello");
            requestInjection(this);
        }

        @Inject
        void greeter(Greeter injected) {
            greeter = injected;
        }
    }

    @TempDir
    Path storage;
    private Framework framework;
    private BundleContext system;

    @BeforeEach
    void startFelix() throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = new FrameworkFactory().newFramework(config);
        framework.start();
        system = framework.getBundleContext();
    }

    @AfterEach
    void stopFelix() throws BundleException, InterruptedException {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void aRequiredServiceIsCalledWhereverItIsRegisteredAndFailsClearlyWhenItGoesAway() throws BundleException, IOException {
        Bundle provider = install("provider", null);
        provider.start();
        HelloModule plugin = new HelloModule();
        plugin.start(system);
        Greeter greeter = plugin.greeter;

        ServiceUnavailableException none = assertThrows(ServiceUnavailableException.class, () -> greeter.greet("Ada"));
        assertEquals("no Greeter service is available (" + Greeter.class.getName() + "): install the plugin or platform bundle that "
                + "provides it, and check `timelapse plugins`", none.getMessage());
        assertEquals("service proxy for " + Greeter.class.getName(), greeter.toString(), "Object's methods need no service");
        assertEquals(greeter, greeter);
        assertEquals(System.identityHashCode(greeter), greeter.hashCode());

        ServiceRegistration<Greeter> hello = provider.getBundleContext().registerService(Greeter.class, name -> "Hello " + name, null);
        assertEquals("Hello Ada", greeter.greet("Ada"));

        // The providing bundle stops: the framework unregisters its service, and the proxy says so.
        provider.stop();
        assertThrows(IllegalStateException.class, hello::unregister, "already unregistered by the framework");
        assertThrows(ServiceUnavailableException.class, () -> greeter.greet("Ada"));

        system.registerService(Greeter.class, name -> "Hi " + name, null);
        assertEquals("Hi Ada", greeter.greet("Ada"), "a replacement is used without re-injection");
        plugin.stop(system);
    }

    @Test
    void exceptionsOfTheServiceReachTheCallerUnwrapped() {
        system.registerService(Greeter.class, name -> {
            throw new IllegalArgumentException("no greeting for " + name);
        }, null);
        HelloModule plugin = new HelloModule();
        plugin.start(system);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plugin.greeter.greet("Bob"));
        assertEquals("no greeting for Bob", e.getMessage());
        plugin.stop(system);
    }

    @Test
    void providedServicesAndCommandsAreRegisteredUntilStop() throws Exception {
        system.registerService(Greeter.class, name -> "Hello " + name, null);
        HelloModule plugin = new HelloModule();
        plugin.start(system);

        ServiceReference<Counter> counterReference = system.getServiceReference(Counter.class);
        Counter counter = system.getService(counterReference);
        assertTrue(counter instanceof CountingCounter, String.valueOf(counter));

        List<ServiceReference<CommandFactory>> commands = List.copyOf(system.getServiceReferences(CommandFactory.class, null));
        assertEquals(2, commands.size());
        for (ServiceReference<CommandFactory> reference : commands) {
            assertEquals("greet", reference.getProperty(PluginModule.COMMAND_PROPERTY));
            assertNull(reference.getProperty(PluginModule.PLUGIN_PROPERTY), "the system bundle is no plugin");
        }
        assertEquals(List.of("hello"), commands.stream().map(r -> r.getProperty(PluginModule.GROUP_PROPERTY)).filter(g -> g != null).toList());

        CommandFactory factory = system.getService(commands.get(0));
        GreetCommand first = (GreetCommand) factory.create();
        GreetCommand second = (GreetCommand) factory.create();
        assertNotSame(first, second, "a fresh command each time");
        assertSame(counter, first.counter, "the provided singleton is the registered service");
        assertEquals("Hello Ada", first.greeter.greet("Ada"));
        assertEquals(1, first.call());
        assertEquals(2, second.call());

        plugin.stop(system);
        assertNull(system.getServiceReference(Counter.class));
        assertNull(system.getServiceReferences(CommandFactory.class.getName(), null));
        assertThrows(ServiceUnavailableException.class, () -> first.greeter.greet("Ada"), "the lookups are closed");
    }

    @Test
    void aPluginBundleRegistersItsCommandsUnderItsId() throws Exception {
        Bundle bundle = install("hello-plugin", "timelapse.plugin;id=hello");
        bundle.start();
        assertEquals("hello", PluginModule.pluginId(bundle));
        assertNull(PluginModule.pluginId(system.getBundle()));

        system.registerService(Greeter.class, name -> "Hello " + name, null);
        HelloModule plugin = new HelloModule();
        plugin.start(bundle.getBundleContext());
        ServiceReference<?>[] commands = system.getServiceReferences(CommandFactory.class.getName(), null);
        assertEquals(2, commands.length);
        for (ServiceReference<?> command : commands) {
            assertEquals("hello", command.getProperty(PluginModule.PLUGIN_PROPERTY));
            assertSame(bundle, command.getBundle());
        }
        plugin.stop(bundle.getBundleContext());
        bundle.stop();
        assertNull(system.getServiceReferences(CommandFactory.class.getName(), null));
    }

    @Test
    void wiringMistakesAreNamed() {
        PluginModule classService = new PluginModule() {
            @Override
            protected void configure() {
                require(CountingCounter.class);
            }
        };
        CreationException notAnInterface = assertThrows(CreationException.class, () -> classService.start(system));
        assertEquals("only interfaces can be required as services: " + CountingCounter.class.getName(), notAnInterface.getCause().getMessage());

        PluginModule unnamed = new PluginModule() {
            @Override
            protected void configure() {
                command(NotACommand.class);
            }
        };
        CreationException noName = assertThrows(CreationException.class, () -> unnamed.start(system));
        // (Guice shortens class names in its messages.)
        assertTrue(noName.getMessage().contains("PluginModuleTest$NotACommand must carry picocli's @Command annotation with a name"),
                noName.getMessage());

        IllegalStateException early = assertThrows(IllegalStateException.class, () -> new HelloModule().configure());
        assertEquals("the plugin module is configured only when its bundle starts", early.getMessage());
    }

    /** Installs a bundle with no classes, and the given Provide-Capability header if any. */
    private Bundle install(String name, String capability) throws BundleException, IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        attributes.putValue(Constants.BUNDLE_SYMBOLICNAME, "test." + name);
        attributes.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        if (capability != null) {
            attributes.putValue(Constants.PROVIDE_CAPABILITY, capability);
        }
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        new JarOutputStream(jar, manifest).close();
        try (InputStream in = new ByteArrayInputStream(jar.toByteArray())) {
            return system.installBundle("test:" + name, in);
        }
    }
}
