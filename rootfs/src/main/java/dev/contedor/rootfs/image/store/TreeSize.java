package dev.contedor.rootfs.image.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/** The bytes a tree's files hold: regular files only, a hard-linked file once, links never followed. */
public final class TreeSize {
    private TreeSize() {
    }

    public static long of(Path root) throws IOException {
        Set<Object> seen = new HashSet<>();
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                if (a.isRegularFile() && (a.fileKey() == null || seen.add(a.fileKey()))) {
                    total[0] += a.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
