package dev.contedor.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plugins: a jar in the plugins folder is found and applied; a broken one is refused with one
 * warning line that names it, and the container runs without it.
 */
class PluginTest extends EndToEndTest {
    static final Path PLUGIN_JAR = Path.of(System.getProperty("contedor.testPluginJar"));




    @Test
    void aPluginJarIsFoundAndVisiblyApplied() throws IOException {
        Files.copy(PLUGIN_JAR, contedor.plugins().resolve("marker-plugin.jar"));
        Contedor.Result r = contedor.run("run", "--rm", "--", "sh", "-c",
                "cat /etc/contedor-plugin; echo changed > /etc/contedor-plugin 2>/dev/null || echo read-only");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("applied by the test plugin to "), r.out());
        assertTrue(r.out().contains("read-only"), r.out());
        Contedor.Result explain = contedor.run("run", "--explain", "--", "true");
        assertTrue(explain.out().contains("/etc/contedor-plugin"), explain.out());
    }

    @Test
    void withoutThePluginNothingIsApplied() {
        // the rootfs may keep an empty mount point from an earlier run: what matters is the content
        Contedor.Result r = contedor.run("run", "--rm", "--", "sh", "-c", "cat /etc/contedor-plugin 2>&1; true");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.out().contains("applied by the test plugin"), r.toString());
    }

    @Test
    void aCorruptJarIsRefusedByNameAndTheRestRuns() throws IOException {
        Path broken = contedor.plugins().resolve("corrupt.jar");
        Files.writeString(broken, "this is not a zip file");
        Files.copy(PLUGIN_JAR, contedor.plugins().resolve("marker-plugin.jar"));
        Contedor.Result r = contedor.run("run", "--rm", "--", "cat", "/etc/contedor-plugin");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("applied by the test plugin to "), r.toString());
        assertTrue(r.err().contains(broken.toString()), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
    }

    @Test
    void aJarListingAMissingClassIsRefusedNamingJarAndClass() throws IOException {
        Path broken = PluginJars.withSpiVersion(PLUGIN_JAR, contedor.plugins().resolve("missing-class.jar"), "1.0");
        // the same jar, listing a class it does not have
        Path listing = PluginJars.entries(work.resolve("listing.jar"), java.util.Map.of(
                "META-INF/services/dev.contedor.api.plugin.Plugin", "com.example.NoSuchPlugin\n"));
        Files.delete(broken);
        PluginJars.withSpiVersion(listing, broken, "1.0");
        Contedor.Result r = contedor.run("run", "--rm", "--", "true");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains(broken.toString()), r.toString());
        assertTrue(r.err().contains("com.example.NoSuchPlugin"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }
}
