package dev.contedor.rootfs.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The root filesystem used when none is given: busybox when the host has one (Debian's
 * busybox-static installs a static /bin/busybox), otherwise the host's basic tools with
 * their libraries.
 */
public final class BuiltinRootfs {
    /** Its folder in the store; bump the version when the content built here changes. */
    public static final String FOLDER = "builtin-v1";
    public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");

    private final Path busybox;
    private final List<String> fallbackTools;

    public BuiltinRootfs() {
        this(HOST_BUSYBOX, HostToolsRootfs.BASIC_TOOLS);
    }

    /**
     * @param busybox       where to look for busybox
     * @param fallbackTools host tools to use when there is no busybox; missing ones are left out
     */
    public BuiltinRootfs(Path busybox, List<String> fallbackTools) {
        this.busybox = busybox;
        this.fallbackTools = List.copyOf(fallbackTools);
    }

    /** Builds into {@code target} (an existing, empty folder). */
    public void build(Path target) throws IOException {
        if (Files.isRegularFile(busybox) && Files.isExecutable(busybox)) {
            BusyboxRootfs.build(target, busybox);
            return;
        }
        List<String> tools = HostToolsRootfs.available(fallbackTools);
        if (!tools.contains("sh")) {
            throw new IOException("the host has neither " + busybox + " nor a sh to copy; install busybox-static");
        }
        HostToolsRootfs.build(target, tools);
    }
}
