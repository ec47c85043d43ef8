package dev.contedor.rootfs.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * Copies host files into a root filesystem at the same absolute path (so that a library
 * ldd found at /lib/x86_64-linux-gnu/libc.so.6 is there inside too). Links are followed on
 * the host side: the copy is the file's content, under the name the program asks for.
 */
final class HostFileMirror {
    private final Path root;

    HostFileMirror(Path root) {
        this.root = root;
    }

    void copyAll(Collection<Path> hostFiles) throws IOException {
        for (Path hostFile : hostFiles) {
            copy(hostFile);
        }
    }

    /** @return the copy inside the root */
    Path copy(Path hostFile) throws IOException {
        Path inside = insidePath(hostFile);
        if (Files.exists(inside, LinkOption.NOFOLLOW_LINKS)) {
            return inside;
        }
        Files.createDirectories(inside.getParent());
        Files.copy(hostFile, inside, StandardCopyOption.COPY_ATTRIBUTES);
        return inside;
    }

    Path insidePath(Path hostFile) {
        Path absolute = hostFile.toAbsolutePath().normalize();
        return root.resolve(absolute.toString().substring(1));
    }
}
