package dev.contedor.rootfs.image.bootstrap;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.image.Image;
import dev.contedor.rootfs.image.ImageConfig;
import dev.contedor.rootfs.image.ImageReference;
import dev.contedor.rootfs.image.ImageStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Makes a Debian image with {@code debootstrap}: the root filesystem is built in a folder
 * beside the store ({@code DATA-ROOT/tmp/bootstrap-*}: the store refuses to import a folder
 * inside itself, and on its filesystem the folder is moved in, not copied), then imported as a
 * one-layer image with {@code Cmd ["/bin/bash"]} and Debian's {@code PATH}. The folder is gone
 * afterwards, whether debootstrap succeeded, failed or was interrupted; one a killed bootstrap
 * left is deleted by the next.
 */
public final class DebianBootstrap {
    public static final String DEFAULT_SUITE = "bookworm";
    public static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    public static final String DEFAULT_VARIANT = "minbase";
    /** Variants the command accepts; {@code default} runs debootstrap without {@code --variant}. */
    public static final List<String> VARIANTS = List.of("minbase", "buildd", "default");
    /** The {@code PATH} the image gets, Debian's own. */
    public static final String IMAGE_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Lines of debootstrap's output kept for the error message when it was not shown. */
    static final int TAIL_LINES = 20;
    /** Lines of {@code debootstrap/debootstrap.log} added to the error message. */
    static final int LOG_LINES = 10;

    private static final Pattern SUITE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Set<String> SCHEMES = Set.of("http", "https", "file");

    /**
     * What to bootstrap, checked on construction so that a bad value fails before
     * anything is downloaded.
     *
     * @param suite   a Debian suite or codename: {@code bookworm}, {@code stable}, {@code sid} ...
     * @param variant {@code minbase}, {@code buildd} or {@code default}
     * @param mirror  the archive, {@code http(s)://} or {@code file:}
     * @param tag     the name the image gets
     */
    public record Request(String suite, String variant, URI mirror, ImageReference tag) {
        public Request {
            checkSuite(suite);
            checkVariant(variant);
            if (mirror == null) {
                throw ContedorException.runtime("bootstrap: no mirror given");
            }
            if (tag == null) {
                throw ContedorException.runtime("bootstrap: no image name given");
            }
        }

        /**
         * Reads the command line's words: {@code null} values take the defaults (suite
         * {@value #DEFAULT_SUITE}, variant {@value #DEFAULT_VARIANT}, mirror
         * {@value #DEFAULT_MIRROR}, name {@code debian:SUITE}).
         */
        public static Request of(String suite, String variant, String mirror, String tag) {
            String s = suite == null ? DEFAULT_SUITE : suite;
            checkSuite(s);
            String v = variant == null ? DEFAULT_VARIANT : variant.toLowerCase(Locale.ROOT);
            checkVariant(v);
            URI m = parseMirror(mirror == null ? DEFAULT_MIRROR : mirror);
            ImageReference t = ImageReference.parse(tag == null ? "debian:" + s : tag);
            return new Request(s, v, m, t);
        }

        /** The arguments after the program name. */
        public List<String> debootstrapArguments(Path target) {
            List<String> args = new ArrayList<>();
            if (!variant.equals("default")) {
                args.add("--variant=" + variant);
            }
            args.add(suite);
            args.add(target.toString());
            args.add(mirror.toString());
            return args;
        }
    }

    private final ImageStore store;
    private final ExecutableLookup lookup;
    private final Optional<PrintStream> liveOutput;

    /** Finds debootstrap on {@code PATH} (and the sbin folders) and keeps its output quiet. */
    public DebianBootstrap(ImageStore store) {
        this(store, ExecutableLookup.system(), Optional.empty());
    }

    /**
     * @param lookup     where debootstrap is looked for
     * @param liveOutput where debootstrap's output goes as it comes (a terminal's stderr);
     *                   empty to keep its last lines for the error message instead
     */
    public DebianBootstrap(ImageStore store, ExecutableLookup lookup, Optional<PrintStream> liveOutput) {
        this.store = store;
        this.lookup = lookup;
        this.liveOutput = liveOutput;
    }

    /** The debootstrap program, or the error that says how to install it. */
    public Path debootstrap() {
        return lookup.find("debootstrap").orElseThrow(() -> ContedorException.runtime(
                "debootstrap is not installed: apt-get install debootstrap"));
    }

    /** The configuration every bootstrapped image gets. */
    public static ImageConfig imageConfig() {
        ImageConfig host = ImageConfig.empty();
        return new ImageConfig(List.of(), List.of("/bin/bash"), List.of(IMAGE_PATH), Optional.empty(),
                Optional.empty(), host.os(), host.architecture());
    }

    /**
     * Runs debootstrap and imports what it made; needs root, as debootstrap does. What killed
     * bootstraps left in the work folder's parent is deleted first.
     */
    public Image bootstrap(Request request) {
        Path program = debootstrap();
        WorkFolder work = workFolder();
        Run run = new Run(work);
        Thread hook = new Thread(run::abandon, "contedor-bootstrap-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            int exit = run.execute(program, request);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                throw ContedorException.runtime("bootstrap " + request.suite() + ": interrupted");
            }
            if (exit != 0) {
                throw ContedorException.runtime(run.failure(request, exit));
            }
            Path dir = work.dir();
            List<Path> mounts = MountPoints.detachAll(dir);
            if (!mounts.isEmpty()) {
                throw ContedorException.runtime("bootstrap " + request.suite() + ": debootstrap left " + mounts.get(0)
                        + " mounted and it cannot be unmounted; unmount it and delete " + dir);
            }
            removeDownloadedPackages(dir);
            return store.importDirectory(dir, imageConfig(), Optional.of(request.tag()));
        } catch (IOException e) {
            throw ContedorException.runtime("bootstrap " + request.suite() + ": " + e.getMessage(), e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // already removed, or the JVM is exiting and the hook cleans up
            }
            run.abandon();
        }
    }

    /** Where debootstrap's targets go: {@code DATA-ROOT/tmp}, beside the image store. */
    public Path workRoot() {
        return store.root().toAbsolutePath().resolveSibling("tmp");
    }

    private WorkFolder workFolder() {
        Path tmp = workRoot();
        try {
            WorkFolder.removeStale(tmp);
            return WorkFolder.create(tmp);
        } catch (IOException e) {
            throw ContedorException.runtime("bootstrap: cannot create a work folder in " + tmp + ": " + e.getMessage(), e);
        }
    }

    /** The .deb files debootstrap downloaded stay in the target; an image does not need them. */
    private static void removeDownloadedPackages(Path dir) throws IOException {
        // every step a real folder: a link in the tree must not lead the deletion to the host
        Path archives = dir;
        for (String name : List.of("var", "cache", "apt", "archives")) {
            archives = archives.resolve(name);
            if (!Files.isDirectory(archives, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
        try (DirectoryStream<Path> debs = Files.newDirectoryStream(archives, "*.deb")) {
            for (Path deb : debs) {
                if (Files.isRegularFile(deb, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(deb);
                }
            }
        }
    }

    static void checkSuite(String suite) {
        if (suite == null || !SUITE.matcher(suite).matches()) {
            throw ContedorException.runtime("bootstrap: invalid suite \"" + (suite == null ? "" : suite)
                    + "\": give a Debian suite or codename (letters, digits and '-', e.g. bookworm, stable, sid)");
        }
    }

    static void checkVariant(String variant) {
        if (variant == null || !VARIANTS.contains(variant)) {
            throw ContedorException.runtime("bootstrap: unknown variant \"" + variant + "\": use "
                    + String.join(", ", VARIANTS));
        }
    }

    static URI parseMirror(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw badMirror(text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || uri.isOpaque() || uri.getPath() == null) {
            throw badMirror(text);
        }
        if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
            throw badMirror(text);
        }
        return uri;
    }

    private static ContedorException badMirror(String text) {
        return ContedorException.runtime("bootstrap: invalid mirror \"" + text
                + "\": give an http://, https:// or file:/// URL, e.g. " + DEFAULT_MIRROR);
    }

    /** One debootstrap run and its work folder, cleaned up exactly once. */
    private final class Run {
        private final WorkFolder work;
        private final Path dir;
        private final Deque<String> tail = new ArrayDeque<>();
        private Process process;
        private boolean abandoned;

        Run(WorkFolder work) {
            this.work = work;
            this.dir = work.dir();
        }

        int execute(Path program, Request request) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(program.toString());
            command.addAll(request.debootstrapArguments(dir));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("DEBIAN_FRONTEND", "noninteractive");
            env.put("PATH", withSbin(env.get("PATH")));
            synchronized (this) {
                if (abandoned) {
                    throw ContedorException.runtime("bootstrap " + request.suite() + ": interrupted");
                }
                process = builder.start();
            }
            process.getOutputStream().close();
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (liveOutput.isPresent()) {
                        liveOutput.get().println(line);
                        liveOutput.get().flush();
                    }
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ContedorException.runtime("bootstrap " + request.suite() + ": interrupted");
            }
        }

        String failure(Request request, int exit) {
            StringBuilder message = new StringBuilder("bootstrap ").append(request.suite())
                    .append(": debootstrap failed with exit code ").append(exit);
            if (liveOutput.isPresent()) {
                message.append(" (its output is above)");
            } else if (!tail.isEmpty()) {
                message.append("; its last lines:");
                tail.forEach(line -> message.append("\n  ").append(line));
            }
            List<String> log = logTail();
            if (!log.isEmpty()) {
                message.append("\n debootstrap.log ends with:");
                log.forEach(line -> message.append("\n  ").append(line));
            }
            return message.toString();
        }

        private List<String> logTail() {
            Path log = dir.resolve("debootstrap/debootstrap.log");
            try {
                if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
                    return List.of();
                }
                List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                return all.subList(Math.max(0, all.size() - LOG_LINES), all.size());
            } catch (IOException e) {
                return List.of();
            }
        }

        /**
         * Stops debootstrap if it still runs (TERM, then KILL after 10 s), detaches what it
         * left mounted and deletes the work folder; later calls do nothing.
         */
        synchronized void abandon() {
            if (abandoned) {
                return;
            }
            abandoned = true;
            if (process != null && process.isAlive()) {
                stop(process);
            }
            try {
                List<Path> stuck = work.close(true);
                if (!stuck.isEmpty()) {
                    System.err.println("contedor: bootstrap: " + stuck.get(0) + " is still mounted; " + dir
                            + " was left in place");
                }
            } catch (IOException e) {
                System.err.println("contedor: bootstrap: could not delete " + dir + ": " + e.getMessage());
            }
        }

        private static void stop(Process process) {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    tree.addAll(process.descendants().toList());
                    tree.forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** debootstrap runs chroot, mount and friends, which live in sbin. */
    static String withSbin(String path) {
        String result = path == null || path.isEmpty() ? "/usr/local/bin:/usr/bin:/bin" : path;
        for (String sbin : List.of("/usr/local/sbin", "/usr/sbin", "/sbin")) {
            if (!List.of(result.split(":")).contains(sbin)) {
                result = result + ":" + sbin;
            }
        }
        return result;
    }
}
