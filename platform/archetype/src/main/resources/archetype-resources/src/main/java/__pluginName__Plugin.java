package ${package};

import io.timelapse.api.plugin.Plugin;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;

/** The plugin: what it needs from the platform and which commands it contributes. */
@Plugin(id = "${pluginId}")
public final class ${pluginName}Plugin extends PluginModule {

    @Override
    protected void configure() {
        require(RunService.class);
        command(CountCommand.class);
    }
}
