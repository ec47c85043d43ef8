package dev.contedor.it.plugin;

import dev.contedor.api.isolation.Isolator;
import dev.contedor.api.plugin.Plugin;
import dev.contedor.api.plugin.PluginContext;

import java.util.List;

/** The test plugin: brings {@link MarkerIsolator}, as a third-party plugin would. */
public final class MarkerPlugin implements Plugin {
    @Override
    public String name() {
        return "test-marker";
    }

    @Override
    public List<Isolator> isolators(PluginContext context) {
        return List.of(new MarkerIsolator());
    }
}
