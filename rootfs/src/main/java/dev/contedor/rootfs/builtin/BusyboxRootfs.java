package dev.contedor.rootfs.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A root filesystem of one busybox binary and a link per applet, at the path busybox
 * itself gives for it ({@code bin/sh}, {@code usr/bin/env}, {@code sbin/ifconfig}, ...).
 * The links are relative, so they resolve both inside the container and when the tree is
 * inspected from the host.
 */
public final class BusyboxRootfs {
    private BusyboxRootfs() {
    }

    /**
     * @param busybox the host's busybox; a static one (Debian's busybox-static) needs nothing
     *                else, a dynamic one gets its libraries copied too
     * @return {@code target}
     */
    public static Path build(Path target, Path busybox) throws IOException {
        BaseLayout.apply(target);
        Path inside = target.resolve("bin/busybox");
        Files.copy(busybox, inside, StandardCopyOption.REPLACE_EXISTING);
        Files.setAttribute(inside, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
        new HostFileMirror(target).copyAll(LinkedLibraries.of(busybox));
        for (String applet : applets(busybox)) {
            Path link = target.resolve(applet);
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, link.getParent().relativize(inside));
        }
        return target;
    }

    /** Applet paths relative to the root, e.g. {@code bin/sh}. */
    static List<String> applets(Path busybox) throws IOException {
        HostCommand.Result full = HostCommand.run(busybox.toString(), "--list-full");
        List<String> lines;
        if (full.exitCode() == 0) {
            lines = full.lines();
        } else {
            // Builds without --list-full still have --list: put every applet in bin/.
            HostCommand.Result plain = HostCommand.run(busybox.toString(), "--list");
            if (plain.exitCode() != 0) {
                throw new IOException(busybox + " --list failed: " + plain.output().strip());
            }
            lines = plain.lines().stream().map(name -> "bin/" + name).toList();
        }
        return lines.stream().map(String::strip).filter(BusyboxRootfs::isPlainRelativePath).toList();
    }

    private static boolean isPlainRelativePath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.equals("bin/busybox")) {
            return false;
        }
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
