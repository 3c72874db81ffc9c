package io.timelapse.platform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Apache Felix embedded in this process, with a throw-away bundle cache. */
final class EmbeddedFramework implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFramework.class);
    private static final List<String> HOST_PACKAGE_PREFIXES =
            List.of("org.slf4j", "org.tensorflow", "org.bytedeco", "com.google.protobuf");
    private static final String ENTRY_FILTER =
            "(&(" + Constants.OBJECTCLASS + "=" + ToIntFunction.class.getName() + ")(timelapse.entry=cli))";
    private static final long ENTRY_TIMEOUT_MILLIS = 10_000;
    private static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final Framework framework;
    private final Distribution distribution;
    private final Path storage;

    private EmbeddedFramework(Framework framework, Distribution distribution, Path storage) {
        this.framework = framework;
        this.distribution = distribution;
        this.storage = storage;
    }

    static EmbeddedFramework start(Distribution distribution) {
        Path storage;
        try {
            storage = Files.createTempDirectory("timelapse-felix-");
        } catch (IOException e) {
            throw new LaunchException("cannot create the framework's cache directory: " + e.getMessage(), e);
        }
        Map<String, String> config = configuration(distribution, storage);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi framework on the class path (lib/ is incomplete)", null));
        Framework framework = factory.newFramework(config);
        try {
            framework.start();
        } catch (BundleException e) {
            throw new LaunchException("the OSGi framework did not start: " + e.getMessage(), e);
        }
        return new EmbeddedFramework(framework, distribution, storage);
    }

    /** Installs the platform bundles, then the plugins, then each extra folder's plugins, and starts them. */
    void installAndStart(List<Path> extraPluginDirectories) {
        List<Bundle> installed = new ArrayList<>(install(distribution.bundles()));
        installed.addAll(install(distribution.plugins()));
        for (Path directory : extraPluginDirectories) {
            if (!Files.isDirectory(directory)) {
                throw new LaunchException("--plugins " + directory + ": not a directory", null);
            }
            installed.addAll(install(directory));
        }
        for (Bundle bundle : installed) {
            startBundle(bundle);
        }
    }

    ToIntFunction<String[]> commandLineEntry() {
        BundleContext context = framework.getBundleContext();
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(ENTRY_FILTER), null);
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        tracker.open();
        try {
            Object entry = tracker.waitForService(ENTRY_TIMEOUT_MILLIS);
            if (entry == null) {
                throw new LaunchException("the shell bundle did not start; is bundles/ complete? (run with --log-level DEBUG)", null);
            }
            @SuppressWarnings("unchecked")
            ToIntFunction<String[]> shell = (ToIntFunction<String[]>) entry;
            return shell;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for the shell", e);
        } finally {
            tracker.close();
        }
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
        } catch (BundleException e) {
            LOG.warn("the framework did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(storage);
        }
    }

    private List<Bundle> install(Path directory) {
        List<Bundle> bundles = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return bundles;
        }
        for (Path jar : jars(directory)) {
            BundleJar candidate = BundleJar.inspect(jar);
            if (!candidate.isBundle()) {
                LOG.warn("{}: refused: {}", jar, candidate.refusal());
                continue;
            }
            try {
                bundles.add(framework.getBundleContext().installBundle("reference:" + jar.toUri()));
            } catch (BundleException e) {
                LOG.warn("{}: not installed: {}", jar, e.getMessage());
            }
        }
        return bundles;
    }

    private static void startBundle(Bundle bundle) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            if (e.getType() == BundleException.RESOLVE_ERROR) {
                // The shell explains unresolved plugins in one line each; the detail is for debugging.
                LOG.debug("{} is not resolved: {}", bundle.getSymbolicName(), e.getMessage());
            } else {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                LOG.error("{} {} failed to start: {}", bundle.getSymbolicName(), bundle.getVersion(), cause.toString());
                LOG.debug("start failure", e);
            }
        }
    }

    private static List<Path> jars(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted(Comparator.comparing(Path::getFileName)).toList();
        } catch (IOException e) {
            throw new LaunchException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> configuration(Distribution distribution, Path storage) {
        Map<String, String> config = new HashMap<>();
        Path properties = distribution.confFile("framework.properties");
        if (properties != null) {
            Properties loaded = new Properties();
            try (InputStream in = Files.newInputStream(properties)) {
                loaded.load(in);
            } catch (IOException e) {
                throw new LaunchException("cannot read " + properties + ": " + e.getMessage(), e);
            }
            loaded.stringPropertyNames().forEach(name -> config.put(name, loaded.getProperty(name)));
        }
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                new HostPackages(HOST_PACKAGE_PREFIXES).exportsFor(HostPackages.classPath()));
        config.putIfAbsent("timelapse.version", PlatformVersion.of(distribution));
        return config;
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}", directory, e);
        }
    }
}
