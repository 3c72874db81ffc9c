package io.timelapse.platform.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Configures Logback from {@code conf/logging.properties} without parsing XML, which would cost a
 * third of a second at every start. A {@code conf/logback.xml} (or {@code -Dlogback.configurationFile})
 * takes over when present, for anything these properties cannot say.
 *
 * <pre>
 * pattern=%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n
 * logger.org.apache.felix=WARN
 * </pre>
 * The root level comes from {@code --log-level} / {@code --quiet}; below DEBUG, log lines carry no
 * stack traces.
 */
public final class FastLogbackConfigurator extends ContextAwareBase implements Configurator {

    static final String PROPERTIES_PROPERTY = "timelapse.logging.properties";
    private static final String DEFAULT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String configured = System.getProperty(PROPERTIES_PROPERTY);
        if (configured == null || System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Properties properties = load(Path.of(configured));
        Level level = Level.toLevel(System.getProperty(LoggingSetup.LEVEL_PROPERTY), Level.INFO);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern(properties.getProperty("pattern", DEFAULT_PATTERN), level));
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDERR");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(level);
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("logger.")) {
                context.getLogger(name.substring("logger.".length())).setLevel(Level.toLevel(properties.getProperty(name), null));
            }
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Stack traces in log lines only at DEBUG and TRACE: users see one line per problem. */
    static String pattern(String pattern, Level level) {
        return level.isGreaterOrEqual(Level.INFO) && !pattern.contains("nopex") ? pattern + "%nopex" : pattern;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                System.err.println("cannot read " + file + ": " + e.getMessage() + "; logging with defaults");
            }
        }
        return properties;
    }
}
