package dev.contedor.it;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Plugin jars made by the tests: compiled from source against the SPI, or an existing jar with another manifest. */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * Compiles {@code sources} (class name to Java source) against the api on this test's class
     * path and writes a plugin jar listing {@code pluginClass}, declaring {@code spiVersion}.
     */
    static Path compile(Path work, Path jar, String pluginClass, String spiVersion, Map<String, String> sources) {
        try {
            Path src = Files.createDirectories(work.resolve("src-" + jar.getFileName()));
            Path classes = Files.createDirectories(work.resolve("classes-" + jar.getFileName()));
            List<String> args = new ArrayList<>(List.of("--release", "25", "-d", classes.toString(),
                    "-cp", System.getProperty("java.class.path")));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            if (javac.run(null, null, errors, args.toArray(String[]::new)) != 0) {
                throw new AssertionError("the test plugin does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
            }
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest(spiVersion));
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString()));
                    Files.copy(p, out);
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry("META-INF/services/dev.contedor.api.plugin.Plugin"));
                out.write((pluginClass + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code jar} whose manifest declares another SPI version. */
    static Path withSpiVersion(Path jar, Path copy, String spiVersion) {
        try (JarFile in = new JarFile(jar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), manifest(spiVersion))) {
            for (JarEntry entry : in.stream().toList()) {
                if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar with only these entries (name to text) and no manifest. */
    static Path entries(Path jar, Map<String, String> entries) {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Manifest manifest(String spiVersion) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (spiVersion != null) {
            manifest.getMainAttributes().putValue("Contedor-SPI-Version", spiVersion);
        }
        return manifest;
    }
}
