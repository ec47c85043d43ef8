package dev.contedor.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Isolator plugins: a jar in the plugins folder is found and applied; a broken one is named. */
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
    void aCorruptJarIsNamed() throws IOException {
        Path broken = contedor.plugins().resolve("corrupt.jar");
        Files.writeString(broken, "this is not a zip file");
        Contedor.Result r = contedor.run("run", "--rm", "--", "true");
        assertEquals(125, r.exitCode(), r.toString());
        assertTrue(r.err().contains(broken.toString()), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
    }

    @Test
    void aJarListingAMissingClassIsNamed() throws IOException {
        Path broken = contedor.plugins().resolve("missing-class.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(broken))) {
            jar.putNextEntry(new JarEntry("META-INF/services/dev.contedor.api.isolation.Isolator"));
            OutputStream out = jar;
            out.write("com.example.NoSuchIsolator\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        Contedor.Result r = contedor.run("run", "--rm", "--", "true");
        assertEquals(125, r.exitCode(), r.toString());
        assertTrue(r.err().contains(broken.toString()), r.toString());
        assertTrue(r.err().contains("com.example.NoSuchIsolator"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }
}
