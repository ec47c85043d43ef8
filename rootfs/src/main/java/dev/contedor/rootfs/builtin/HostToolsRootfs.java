package dev.contedor.rootfs.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A root filesystem made of the host's own programs: each named tool is copied into
 * {@code bin/}, and every shared library it loads (and the dynamic loader) is copied to the
 * same path inside, so the programs run after a chroot or pivot_root. Used for the built-in
 * root filesystem when the host has no busybox, and by tests that need specific host tools
 * (util-linux's ipcmk and ipcs, which busybox lacks).
 */
public final class HostToolsRootfs {
    /** The tools of the fallback built-in root filesystem; those the host lacks are left out. */
    public static final List<String> BASIC_TOOLS = List.of(
            "sh", "ls", "cat", "echo", "grep", "hostname", "ps", "mount", "ipcmk", "ipcs", "sleep", "id",
            "env", "true", "false", "tty", "uname", "mkdir", "rm", "seq", "wc", "head", "readlink", "stat");

    private HostToolsRootfs() {
    }

    /**
     * Builds (or adds to) a root filesystem in {@code target}: the base layout, the tools in
     * {@code bin/}, and their libraries.
     *
     * @param tools names searched on PATH and the standard folders (e.g. {@code "ipcmk"}), or absolute paths
     * @return {@code target}
     * @throws IOException naming any tool or library the host does not have
     */
    public static Path build(Path target, List<String> tools) throws IOException {
        ToolLocator locator = ToolLocator.fromEnvironment();
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String tool : tools) {
            Optional<Path> path = locator.find(tool);
            if (path.isPresent()) {
                found.put(Path.of(tool).getFileName().toString(), path.get());
            } else {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("host tools not found on PATH or in the standard folders: "
                    + String.join(", ", missing));
        }
        BaseLayout.apply(target);
        Set<Path> libraries = new LinkedHashSet<>();
        for (Map.Entry<String, Path> tool : found.entrySet()) {
            Path inside = target.resolve("bin").resolve(tool.getKey());
            Files.deleteIfExists(inside);
            // Follows the host's links (sh -> dash): the copy is the program itself.
            Files.copy(tool.getValue(), inside, StandardCopyOption.COPY_ATTRIBUTES);
            Files.setAttribute(inside, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
            libraries.addAll(LinkedLibraries.of(tool.getValue()));
        }
        new HostFileMirror(target).copyAll(libraries);
        return target;
    }

    /** The subset of {@code tools} that this host has, in the same order. */
    public static List<String> available(List<String> tools) {
        ToolLocator locator = ToolLocator.fromEnvironment();
        return tools.stream().filter(t -> locator.find(t).isPresent()).toList();
    }
}
