/**
 * The plugin SPI: {@link dev.contedor.api.plugin.Plugin}, what the engine gives a plugin
 * ({@link dev.contedor.api.plugin.PluginContext}, {@link dev.contedor.api.plugin.PluginLog})
 * and the SPI's version ({@link dev.contedor.api.plugin.SpiVersion}). A plugin's class loader
 * sees the {@code dev.contedor.api} packages and the JDK, nothing else of contedor.
 */
package dev.contedor.api.plugin;
