package dev.contedor.runtime.plugins;

import java.nio.file.Path;

/** Where a plugin comes from: contedor's own class path, or a jar or folder of jars in the plugins folder. */
public sealed interface PluginSource {

    /** What {@code contedor plugins ls} shows: {@code built-in} or the path. */
    String describe();

    /** One of contedor's own modules. */
    record BuiltIn() implements PluginSource {
        @Override
        public String describe() {
            return "built-in";
        }
    }

    /** A jar in the plugins folder, or a folder of jars (the plugin and the libraries it ships). */
    record External(Path path) implements PluginSource {
        @Override
        public String describe() {
            return path.toString();
        }
    }
}
