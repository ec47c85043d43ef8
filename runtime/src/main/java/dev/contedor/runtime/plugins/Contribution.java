package dev.contedor.runtime.plugins;

/**
 * Something a plugin brings (an isolator, a controller, a launcher...) and which plugin brought it,
 * for messages that name the plugin.
 */
public record Contribution<T>(T service, String plugin, PluginSource source) {
}
