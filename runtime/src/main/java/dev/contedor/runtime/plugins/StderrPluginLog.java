package dev.contedor.runtime.plugins;

import dev.contedor.api.plugin.PluginLog;

/** A plugin's log: {@code contedor: plugin NAME: ...} lines on stderr, debug lines only with {@code --debug}. */
record StderrPluginLog(String pluginName, boolean debugEnabled) implements PluginLog {
    @Override
    public void warning(String message) {
        System.err.println("contedor: plugin " + pluginName + ": warning: " + message);
    }

    @Override
    public void debug(String message) {
        if (debugEnabled) {
            System.err.println("contedor: plugin " + pluginName + ": " + message);
        }
    }
}
