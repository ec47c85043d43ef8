package dev.contedor.testkit;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plugin in real containers from a JUnit test: a contedor distribution is started with
 * the plugin's jar alone in a plugins folder of the test's, and state and data folders of the
 * test's too. It needs root and a contedor; without them the test is skipped (an assumption
 * fails), so that a plugin's unit tests still run on a developer's laptop.
 *
 * <p>The contedor launcher is the system property {@code contedor.launcher}, else the
 * environment variable {@code CONTEDOR}, else {@code contedor} on the PATH.
 *
 * <pre>{@code
 * RealContainer contedor = RealContainer.withPlugin(Path.of("target/my-plugin.jar"), tempDir);
 * RealContainer.Result r = contedor.run("run", "--rm", "--annotation", "com.example.audit=on", "--", "cat", "/etc/audit");
 * assertEquals(0, r.exitCode(), r.toString());
 * }</pre>
 */
public final class RealContainer {
    private final String launcher;
    private final Path workDir;
    private final Path dataRoot;

    private RealContainer(String launcher, Path workDir, Path dataRoot) {
        this.launcher = launcher;
        this.workDir = workDir;
        this.dataRoot = dataRoot;
    }

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * A contedor whose plugins folder holds only {@code pluginJar} (a jar, or a folder of jars).
     * Skips the test when not root or when no contedor is found.
     *
     * @param workDir a folder of the test's (e.g. a JUnit {@code @TempDir}); the data folder goes
     *                there too unless the system property {@code contedor.dataRoot} names one to share
     */
    public static RealContainer withPlugin(Path pluginJar, Path workDir) {
        Assumptions.assumeTrue(isRoot(), "real containers need root");
        String launcher = launcher();
        Assumptions.assumeTrue(launcher != null, "no contedor: set -Dcontedor.launcher=/path/to/contedor or $CONTEDOR");
        try {
            Path plugins = Files.createDirectories(workDir.resolve("plugins"));
            Path target = plugins.resolve(pluginJar.getFileName());
            if (Files.isDirectory(pluginJar)) {
                Files.createDirectories(target);
                try (var jars = Files.list(pluginJar)) {
                    for (Path jar : jars.toList()) {
                        Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } else {
                Files.copy(pluginJar, target, StandardCopyOption.REPLACE_EXISTING);
            }
            String shared = System.getProperty("contedor.dataRoot");
            Path data = shared != null ? Path.of(shared) : workDir.resolve("data");
            Files.createDirectories(data);
            return new RealContainer(launcher, workDir, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plugins folder contedor is started with. */
    public Path pluginsDir() {
        return workDir.resolve("plugins");
    }

    /** The state folder ({@code --root}). */
    public Path stateRoot() {
        return workDir.resolve("state");
    }

    /** The data folder ({@code --data-root}). */
    public Path dataRoot() {
        return dataRoot;
    }

    /** The command line for those arguments, with the test's folders. */
    public List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher);
        cmd.add("--root=" + stateRoot());
        cmd.add("--data-root=" + dataRoot);
        cmd.add("--plugins=" + pluginsDir());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs contedor with those arguments (e.g. {@code "run", "--rm", "--", "true"}), stdin closed, within two minutes. */
    public Result run(String... args) {
        try {
            Process p = new ProcessBuilder(command(args)).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("contedor " + String.join(" ", args) + " did not finish within 120 s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String launcher() {
        String property = System.getProperty("contedor.launcher");
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv("CONTEDOR");
        if (env != null && !env.isBlank()) {
            return env;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "contedor"))) {
                return Path.of(dir, "contedor").toString();
            }
        }
        return null;
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
