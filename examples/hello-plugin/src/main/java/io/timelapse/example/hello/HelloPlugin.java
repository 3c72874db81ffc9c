package io.timelapse.example.hello;

import io.timelapse.api.plugin.Plugin;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;

/** The plugin: what it needs from the platform and which commands it contributes. */
@Plugin(id = "hello")
public final class HelloPlugin extends PluginModule {

    @Override
    protected void configure() {
        require(RunService.class);
        bind(Greeting.class).toInstance(new Greeting("Hello"));
        command(GreetCommand.class);
        command(HelloDemoCommand.class);
    }
}
