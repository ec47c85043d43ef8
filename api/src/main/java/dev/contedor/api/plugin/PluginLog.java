package dev.contedor.api.plugin;

/**
 * A plugin's messages for the user. contedor prints each as one line on stderr,
 * {@code contedor: plugin NAME: ...}; a plugin never writes to stdout, which belongs to the
 * container's output and to machine-readable formats.
 */
public interface PluginLog {

    /** Something the user should know although the command goes on. Always shown. */
    void warning(String message);

    /** Detail for diagnosing the plugin: shown only with {@code --debug}. */
    void debug(String message);
}
