package dev.contedor.cli;

import dev.contedor.api.plugin.SpiVersion;
import picocli.CommandLine;

/** {@code contedor --version}. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"contedor " + (v == null ? "(development build)" : v) + ", plugin SPI " + SpiVersion.CURRENT,
                "Java " + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version")};
    }
}
