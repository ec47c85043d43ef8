package dev.contedor.rootfs.builtin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The root filesystem used when none is given: busybox and its applets, from the busybox
 * that contedor ships (Debian's busybox-static, fetched by the build), else the host's own
 * {@code /bin/busybox}, else the host's basic tools with their libraries.
 *
 * <p>Its folder in the store is named after what it is built from ({@link #folderName()}), so
 * a new busybox (or busybox installed on a host that had none) gives a new folder instead of
 * a stale cache; folders of running containers' roots are never rebuilt in place.
 */
public final class BuiltinRootfs {
    /** Bump when what {@link #build} makes from the same source changes. */
    private static final String RECIPE = "v2";
    public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");
    /** The busybox shipped in the distribution, relative to its home ({@code contedor.home}). */
    static final String SHIPPED_BUSYBOX = "libexec/busybox";

    private final Optional<Path> busybox;
    private final List<String> fallbackTools;

    /**
     * @param busybox       the busybox to use, if any
     * @param fallbackTools host tools to use when there is no busybox; missing ones are left out
     */
    public BuiltinRootfs(Optional<Path> busybox, List<String> fallbackTools) {
        this.busybox = busybox.filter(p -> Files.isRegularFile(p) && Files.isExecutable(p));
        this.fallbackTools = List.copyOf(fallbackTools);
    }

    /**
     * The first busybox found of: {@code -Dcontedor.busybox=PATH}, the distribution's
     * {@code $contedor.home/libexec/busybox}, the host's {@code /bin/busybox}.
     */
    public static BuiltinRootfs forThisProcess() {
        String explicit = System.getProperty("contedor.busybox");
        String home = System.getProperty("contedor.home");
        Optional<Path> busybox = Stream.of(
                        Optional.ofNullable(explicit).map(Path::of),
                        Optional.ofNullable(home).map(h -> Path.of(h, SHIPPED_BUSYBOX)),
                        Optional.of(HOST_BUSYBOX))
                .flatMap(Optional::stream)
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
        return new BuiltinRootfs(busybox, HostToolsRootfs.BASIC_TOOLS);
    }

    /** The busybox this root is made of, if any (else it is made of host tools). */
    public Optional<Path> busybox() {
        return busybox;
    }

    /**
     * The store folder's name: {@code builtin-v2-} and a digest of what it is built from (the
     * recipe, and the size and modification time of busybox or of each host tool). Costs a
     * {@code stat} per source file, no reading.
     */
    public String folderName() {
        StringBuilder source = new StringBuilder(RECIPE);
        if (busybox.isPresent()) {
            source.append("\nbusybox ").append(fingerprint(busybox.get()));
        } else {
            ToolLocator locator = ToolLocator.fromEnvironment();
            for (String tool : fallbackTools) {
                locator.find(tool).ifPresent(p -> source.append('\n').append(tool).append(' ').append(fingerprint(p)));
            }
        }
        return "builtin-" + RECIPE + "-" + shortDigest(source.toString());
    }

    /** Builds into {@code target} (an existing, empty folder). */
    public void build(Path target) throws IOException {
        if (busybox.isPresent()) {
            BusyboxRootfs.build(target, busybox.get());
            return;
        }
        List<String> tools = HostToolsRootfs.available(fallbackTools);
        if (!tools.contains("sh")) {
            throw new IOException("there is neither a busybox (the distribution's " + SHIPPED_BUSYBOX + ", or "
                    + HOST_BUSYBOX + ") nor a host sh to copy; install busybox-static");
        }
        HostToolsRootfs.build(target, tools);
    }

    private static String fingerprint(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() + " " + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "unreadable"; // build() then reports it, naming the file
        }
    }

    private static String shortDigest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
