package dev.contedor.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds {@code examples/accounting-plugin} as a plugin author would: a Maven of its own, a
 * throwaway local repository holding only the SDK (contedor-api and contedor-plugin-testkit, as
 * {@code mvn -pl api,plugin-testkit install} would put them there), everything else (Maven's
 * plugins, JUnit) copied from the build's own local repository through a {@code file:} mirror,
 * so that nothing is downloaded and nothing of the contedor source tree is on the way.
 */
final class ExamplePluginBuild {
    private static Path built;

    private ExamplePluginBuild() {
    }

    /** The example plugin's jar, built once per test run. */
    static synchronized Path jar() {
        if (built == null) {
            built = build();
        }
        return built;
    }

    private static Path build() {
        try {
            Path work = Path.of(System.getProperty("contedor.exampleBuild")).toAbsolutePath();
            deleteTree(work);
            Path repo = Files.createDirectories(work.resolve("repository"));
            String spi = System.getProperty("contedor.spiVersion");
            install(repo, "contedor-api", spi, property("contedor.sdk.api"), property("contedor.sdk.apiPom"));
            install(repo, "contedor-plugin-testkit", spi, property("contedor.sdk.testkit"), property("contedor.sdk.testkitPom"));
            Path project = work.resolve("accounting-plugin");
            copyTree(property("contedor.example"), project);
            Path settings = work.resolve("settings.xml");
            Files.writeString(settings, "<settings><mirrors><mirror><id>build-repository</id><mirrorOf>*</mirrorOf><url>"
                    + property("contedor.mavenRepo").toUri() + "</url></mirror></mirrors></settings>\n");
            Path log = work.resolve("build.log");
            // the unit tests only: the real-container test is this module's (ExamplePluginTest)
            ProcessBuilder mvn = new ProcessBuilder(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                    "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + repo, "-Dtest=AccountingPluginTest",
                    "-Dsurefire.failIfNoSpecifiedTests=false", "package")
                    .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            mvn.environment().put("JAVA_HOME", System.getProperty("java.home"));
            mvn.environment().remove("MAVEN_ARGS");
            mvn.environment().remove("CONTEDOR");
            Process p = mvn.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("building the example plugin took over 300 s; see " + log);
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new AssertionError("building the example plugin failed (" + log + "):\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
            return project.resolve("target/accounting-plugin-1.0.0.jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new AssertionError("system property " + name + " is not set (it-tests/pom.xml sets it)");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    /** An artifact as a local repository holds an installed one: GROUP/ARTIFACT/VERSION/ARTIFACT-VERSION.{jar,pom}. */
    private static void install(Path repo, String artifact, String version, Path jar, Path pom) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("dev/contedor").resolve(artifact).resolve(version));
        Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith("target")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
