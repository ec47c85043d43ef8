package dev.contedor.api.plugin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of this SPI, {@code MAJOR.MINOR}, and the rule for which plugins it loads.
 *
 * <p>The major version changes with every incompatible change of the {@code dev.contedor.api}
 * packages (a type, method or constant removed or changed, an abstract method added to an
 * interface a plugin implements); the minor version with every compatible addition. A plugin
 * built for {@code M.m} loads in an engine that provides {@code M.n} with {@code n >= m}: same
 * major, same or newer minor. The artifact {@code dev.contedor:contedor-api} carries the SPI
 * version as its own version.
 *
 * @param major incompatible generations
 * @param minor compatible additions within a major version
 */
public record SpiVersion(int major, int minor) implements Comparable<SpiVersion> {
    /** The SPI version this api provides; the api artifact's version. */
    public static final SpiVersion CURRENT = new SpiVersion(1, 0);

    /** The jar manifest attribute in which a plugin declares the SPI version it was built for. */
    public static final String MANIFEST_ATTRIBUTE = "Contedor-SPI-Version";

    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})(?:\\.\\d{1,4})?");

    public SpiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("SPI version numbers are not negative: " + major + "." + minor);
        }
    }

    /**
     * Reads {@code MAJOR.MINOR} (a third, patch number is allowed and ignored).
     *
     * @throws IllegalArgumentException naming the text when it is not a version
     */
    public static SpiVersion parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an SPI version (MAJOR.MINOR, e.g. " + CURRENT + ")");
        }
        return new SpiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether an engine providing this version loads a plugin built for {@code pluginVersion}. */
    public boolean accepts(SpiVersion pluginVersion) {
        return major == pluginVersion.major && minor >= pluginVersion.minor;
    }

    @Override
    public int compareTo(SpiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
