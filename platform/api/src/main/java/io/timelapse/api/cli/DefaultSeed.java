package io.timelapse.api.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The seed a command uses when neither the command line nor {@code --config} gives {@code --seed}
 * (without it, the default is 0). It is the default that {@code --help} shows and that
 * {@code run.json} records, for example gpt-neox's 1234 for the Pythia commands.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DefaultSeed {

    long value();
}
