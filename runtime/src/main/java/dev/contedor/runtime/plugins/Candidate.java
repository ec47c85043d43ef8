package dev.contedor.runtime.plugins;

import dev.contedor.api.plugin.Plugin;
import dev.contedor.api.plugin.SpiVersion;

/** A plugin object and where it came from, before its contributions are asked for. */
record Candidate(Plugin plugin, String name, String version, PluginSource source, SpiVersion spi) {
    boolean builtIn() {
        return source instanceof PluginSource.BuiltIn;
    }
}
