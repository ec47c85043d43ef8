package dev.contedor.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything observable about a folder tree (type, mode, owner, size, mtime, content, link
 * target, inode), taken without following links, to prove that an extraction left the
 * folders around its target untouched.
 */
public final class TreeSnapshot {
    private TreeSnapshot() {
    }

    /** @param exclude a subtree to leave out (the extraction target itself), or null */
    public static Map<String, String> of(Path top, Path exclude) throws IOException {
        Map<String, String> snapshot = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(top)) {
            paths.filter(p -> exclude == null || !p.startsWith(exclude)).forEach(p -> {
                try {
                    snapshot.put(top.relativize(p).toString(), describe(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return snapshot;
    }

    private static String describe(Path p) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        StringBuilder s = new StringBuilder();
        s.append(a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : a.isRegularFile() ? "f" : "o");
        s.append(" mode=").append(Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)));
        s.append(" uid=").append(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        s.append(" ino=").append(Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS));
        s.append(" nlink=").append(Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS));
        s.append(" mtime=").append(a.lastModifiedTime());
        s.append(" size=").append(a.size());
        if (a.isRegularFile()) {
            s.append(" content=").append(java.util.Arrays.hashCode(Files.readAllBytes(p)));
        }
        if (a.isSymbolicLink()) {
            s.append(" -> ").append(Files.readSymbolicLink(p));
        }
        return s.toString();
    }
}
