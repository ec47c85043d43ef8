package dev.contedor.runtime.plugins;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Plugin jars as a plugin author's build makes them: compiled against the SPI, listed in META-INF/services. */
final class TestPluginJars {
    private TestPluginJars() {
    }

    /**
     * A plugin class {@code p.NAME} (public, named {@code pluginName}) with the given body,
     * in a jar declaring {@code spiVersion} (null: none).
     */
    static Path plugin(Path dir, String jarName, String pluginName, String spiVersion, String body) {
        String className = "p" + Math.abs(jarName.hashCode()) + ".TestPlugin";
        String source = """
                package %s;
                import dev.contedor.api.plugin.*;
                import dev.contedor.api.isolation.*;
                import dev.contedor.api.cgroup.*;
                import dev.contedor.api.launch.*;
                import dev.contedor.api.spec.*;
                import java.util.*;
                public final class TestPlugin implements Plugin {
                    public String name() { return "%s"; }
                    %s
                }
                """.formatted(className.substring(0, className.indexOf('.')), pluginName, body);
        return jar(dir, jarName, className, source, spiVersion);
    }

    static Path jar(Path dir, String jarName, String className, String source, String spiVersion) {
        try {
            Path work = Files.createDirectories(dir.resolve("build-" + jarName));
            Path src = work.resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, source);
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> args = new ArrayList<>(List.of("--release", "25", "-proc:none", "-d", classes.toString(),
                    "-cp", System.getProperty("java.class.path"), src.toString()));
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            if (ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new)) != 0) {
                throw new AssertionError(errors.toString(StandardCharsets.UTF_8));
            }
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            if (spiVersion != null) {
                manifest.getMainAttributes().putValue("Contedor-SPI-Version", spiVersion);
            }
            Path jar = Files.createDirectories(dir.resolve("plugins")).resolve(jarName);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString()));
                    Files.copy(p, out);
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry("META-INF/services/dev.contedor.api.plugin.Plugin"));
                out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
