package dev.contedor.runtime.plugins;

import java.util.List;
import java.util.Optional;

/**
 * One line of {@code contedor plugins ls}: a plugin as the engine found it.
 *
 * @param name          the plugin's name; for a jar refused before it could say, the jar's file name
 * @param version       the plugin's own version, {@code unknown} when it has none, empty when refused early
 * @param source        built-in, or the jar or folder it was loaded from
 * @param spiVersion    the SPI version it was built for, empty when it declares none
 * @param status        whether it is in use
 * @param contributions what it brings, e.g. {@code isolator uts}, {@code cgroup controller memory}
 * @param reason        why it was refused, empty otherwise
 */
public record PluginReport(String name, Optional<String> version, PluginSource source, Optional<String> spiVersion,
                           Status status, List<String> contributions, Optional<String> reason) {
    public enum Status {
        /** Loaded and contributing. */
        ENABLED,
        /** Found and loadable, switched off with {@code contedor plugins disable}. */
        DISABLED,
        /** Could not be used; {@link #reason} says why. */
        REFUSED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public PluginReport {
        contributions = List.copyOf(contributions);
    }
}
