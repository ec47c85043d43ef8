package dev.contedor.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./contedor} as a user would, with a state folder of the test's own, a data
 * folder shared by the suite (the built-in rootfs is built once; image tests give their own)
 * and a plugins folder.
 */
final class Contedor {
    static final Path LAUNCHER = Path.of(System.getProperty("contedor.launcher", "../contedor")).toAbsolutePath().normalize();
    static final Path DATA = Path.of(System.getProperty("contedor.itData", "target/it-data")).toAbsolutePath();

    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path stateRoot;
    private final Path plugins;
    private final Path dataRoot;
    /** Variables added to (or, with a null value, removed from) contedor's environment. */
    private final Map<String, String> env;

    Contedor(Path workDir) {
        this(workDir, DATA);
    }

    /** With a data folder ({@code --data-root}) of its own: images, container layers. */
    Contedor(Path workDir, Path dataRoot) {
        this(workDir.resolve("state"), workDir.resolve("plugins"), dataRoot, Map.of());
        try {
            Files.createDirectories(plugins);
            Files.createDirectories(dataRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Contedor(Path stateRoot, Path plugins, Path dataRoot, Map<String, String> env) {
        this.stateRoot = stateRoot;
        this.plugins = plugins;
        this.dataRoot = dataRoot;
        this.env = env;
    }

    /** The same contedor, started with {@code name=value} in its environment (null: without {@code name}). */
    Contedor withEnv(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.put(name, value);
        return new Contedor(stateRoot, plugins, dataRoot, more);
    }

    Path dataRoot() {
        return dataRoot;
    }

    Path stateRoot() {
        return stateRoot;
    }

    Path plugins() {
        return plugins;
    }

    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.add("--root=" + stateRoot);
        cmd.add("--data-root=" + dataRoot);
        cmd.add("--plugins=" + plugins);
        cmd.addAll(List.of(args));
        return cmd;
    }

    Process start(String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectInput(ProcessBuilder.Redirect.PIPE);
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return builder.start();
    }

    Result run(String... args) {
        try {
            Process p = start(args);
            p.getOutputStream().close();
            return finish(p, 120);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result finish(Process p, int timeoutSeconds) {
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("contedor did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
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
