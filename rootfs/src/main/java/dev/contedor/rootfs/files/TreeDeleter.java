package dev.contedor.rootfs.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes a file tree without ever following a symbolic link: a link inside the tree is
 * removed, not the thing it points to. Read-only directories are made writable first so
 * that an unprivileged user can clean up what it extracted.
 */
public final class TreeDeleter {
    private TreeDeleter() {
    }

    /** Deletes {@code path} and everything below it; a missing path is not an error. */
    public static void delete(Path path) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attrs.isDirectory()) {
            Files.deleteIfExists(path);
            return;
        }
        // walkFileTree does not follow links unless asked to.
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) throws IOException {
                makeOwnerWritable(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Quietly deletes, for cleanup paths that must not hide the original failure. */
    public static void deleteQuietly(Path path, Throwable original) {
        try {
            delete(path);
        } catch (IOException | RuntimeException e) {
            original.addSuppressed(e);
        }
    }

    private static void makeOwnerWritable(Path dir) throws IOException {
        // Only real directories are visited here (the walk does not follow links), so a
        // plain chmod by path is safe.
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & 0700) != 0700) {
            Files.setAttribute(dir, "unix:mode", (mode & 07777) | 0700);
        }
    }
}
