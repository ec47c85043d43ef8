package dev.contedor.rootfs.image.format;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.extract.EntryName;
import dev.contedor.rootfs.extract.UnsafeEntryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The files of an OCI image layout folder. Links inside the folder are followed (some tools
 * share blobs that way), but the file finally reached must lie inside the folder: a blob that
 * is a symbolic link to {@code /etc/shadow} is refused, not read.
 */
public final class LayoutFolderFiles implements ImageFiles {
    private final Path folder;
    private final Path realFolder;
    private final ProgressMeter meter;

    public LayoutFolderFiles(Path folder, ProgressMeter meter) throws IOException {
        this.folder = folder;
        this.realFolder = folder.toRealPath();
        this.meter = meter;
    }

    @Override
    public String describe() {
        return "OCI layout folder " + folder;
    }

    /** The bytes of all regular files in the folder: the total a progress bar counts towards. */
    public long totalBytes() throws IOException {
        try (Stream<Path> files = Files.walk(realFolder)) {
            return files.mapToLong(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    return a.isRegularFile() ? a.size() : 0;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    @Override
    public boolean exists(String path) throws IOException {
        try {
            resolve(path);
            return true;
        } catch (ContedorException e) {
            return false;
        }
    }

    @Override
    public long size(String path) throws IOException {
        return Files.size(resolve(path));
    }

    @Override
    public InputStream open(String path) throws IOException {
        // The real path was checked; opening it without following links keeps a link swapped
        // in after the check from being followed.
        return meter.counting(Files.newInputStream(resolve(path), LinkOption.NOFOLLOW_LINKS));
    }

    private Path resolve(String path) throws IOException {
        EntryName name;
        try {
            name = EntryName.parse(path);
        } catch (UnsafeEntryException e) {
            throw ContedorException.runtime(describe() + ": the path \"" + path
                    + "\" leads outside the layout (" + e.getMessage() + "); the layout is unsafe, nothing was imported");
        }
        Path candidate = realFolder;
        for (String component : name.components()) {
            candidate = candidate.resolve(component);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw ContedorException.runtime(describe() + ": \"" + path
                    + "\" is missing; the layout is incomplete, copy it again from its source");
        }
        if (!real.startsWith(realFolder)) {
            throw ContedorException.runtime(describe() + ": \"" + path + "\" is a symbolic link leading outside the layout folder (to "
                    + real + "); the layout is unsafe, nothing was imported");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw ContedorException.runtime(describe() + ": \"" + path + "\" is not a regular file; the layout is damaged");
        }
        return real;
    }

    @Override
    public void close() {
        // Nothing held open between reads.
    }
}
