package dev.contedor.rootfs.store;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Remembers the SHA-256 of tarballs so that a multi-gigabyte file is not hashed on every
 * run. An entry is keyed by the file's real path, size, mtime, ctime, device and inode:
 * any rewrite, replacement or touch changes one of them and forces a new hash. The hash,
 * not the key, is what names the unpacked tree.
 *
 * <p>Each entry is one file in {@code <store>/index/}, named by the SHA-256 of the key and
 * holding the hex digest then the key, written by rename so that readers never see half of it.
 */
public final class TarballDigestIndex {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,dev,ino";

    private final Path directory;

    public TarballDigestIndex(Path directory) {
        this.directory = directory;
    }

    /** The lowercase hex SHA-256 of the file's content, from the index when it is still valid. */
    public String digestOf(Path tarball) throws IOException {
        Path real = tarball.toRealPath();
        String key = keyOf(real);
        Path entry = entryFor(key);
        String known = read(entry, key);
        if (known != null) {
            return known;
        }
        String digest = Sha256.hexOf(real);
        // A file that changed while it was hashed must not be remembered under either identity.
        if (keyOf(real).equals(key)) {
            try {
                write(entry, digest + "\n" + key);
            } catch (IOException e) {
                // The index only saves time: a read-only data folder must still serve what it has.
            }
        }
        return digest;
    }

    /** Drops what the index knows about the file as it is now, so that the next call hashes it. */
    public void forget(Path tarball) throws IOException {
        Files.deleteIfExists(entryFor(keyOf(tarball.toRealPath())));
    }

    private Path entryFor(String key) {
        return directory.resolve(Sha256.hexOf(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static String keyOf(Path real) throws IOException {
        Map<String, Object> a = Files.readAttributes(real, ATTRIBUTES);
        return "path=" + real + "\nsize=" + a.get("size") + "\nmtime=" + a.get("lastModifiedTime")
                + "\nctime=" + a.get("ctime") + "\ndev=" + a.get("dev") + "\nino=" + a.get("ino") + "\n";
    }

    private static String read(Path entry, String key) throws IOException {
        String content;
        try {
            content = Files.readString(entry, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (MalformedInputException e) {
            return null; // damaged entry: recompute
        }
        int newline = content.indexOf('\n');
        if (newline < 0) {
            return null;
        }
        String digest = content.substring(0, newline);
        // Both halves are checked: a collision of key hashes or a damaged file is a miss.
        return HEX64.matcher(digest).matches() && content.substring(newline + 1).equals(key) ? digest : null;
    }

    private void write(Path entry, String content) throws IOException {
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, RootfsStore.TEMP_PREFIX, "");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }
}
