package dev.contedor.rootfs.image.format;

import dev.contedor.api.error.ContedorException;
import dev.contedor.rootfs.extract.EntryName;
import dev.contedor.rootfs.extract.UnsafeEntryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The files of an image archive that is a tar ({@code docker save} output, or an OCI layout
 * packed as a tar). Symbolic and hard links inside the archive are resolved by name, never
 * on disk: docker's legacy format links a repeated {@code layer.tar} to an earlier one, and
 * a link leading outside the archive is refused when something is read through it.
 *
 * <p>An uncompressed archive is read in place by offset ({@link #inPlace}): nothing is
 * copied. A compressed one cannot be read by offset, so {@link #spooled} copies its files to
 * a staging folder first, which costs as much free disk as the archive's uncompressed size,
 * for the time of the import.
 */
public final class TarImageFiles implements ImageFiles {
    private static final int MAX_LINK_HOPS = 40;

    private sealed interface Member permits Stored, Link {
    }

    private record Stored(long size, Opener opener) implements Member {
    }

    /** @param target the link target as stored; for hard links a name from the archive root */
    private record Link(String entry, String target, boolean symbolic) implements Member {
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private final String description;
    private final Map<String, Member> members;
    private final AutoCloseable resource;

    private TarImageFiles(String description, Map<String, Member> members, AutoCloseable resource) {
        this.description = description;
        this.members = members;
        this.resource = resource;
    }

    /**
     * Indexes an uncompressed tar file and reads its files by offset; the bytes read count
     * on {@code meter}.
     */
    public static TarImageFiles inPlace(Path tarFile, ProgressMeter meter) throws IOException {
        String description = "archive " + tarFile;
        TarFile tar = new TarFile(tarFile);
        try {
            Map<String, Member> members = new HashMap<>();
            for (TarArchiveEntry entry : tar.getEntries()) {
                Stored stored = isRegular(entry)
                        ? new Stored(entry.getSize(), () -> meter.counting(tar.getInputStream(entry))) : null;
                add(members, entry, stored, description);
            }
            return new TarImageFiles(description, members, tar);
        } catch (RuntimeException e) {
            tar.close();
            throw e;
        }
    }

    /**
     * Reads a tar stream once, copying each regular file to {@code spoolFolder} (an existing
     * empty folder the caller deletes), so that files can be read in any order afterwards.
     */
    public static TarImageFiles spooled(InputStream tarStream, Path spoolFolder, String description) throws IOException {
        Map<String, Member> members = new HashMap<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        int counter = 0;
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
            Stored stored = null;
            if (isRegular(entry)) {
                Path copy = spoolFolder.resolve(Integer.toString(counter++));
                try (OutputStream out = Files.newOutputStream(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    tar.transferTo(out);
                }
                stored = new Stored(Files.size(copy), () -> Files.newInputStream(copy));
            }
            add(members, entry, stored, description);
        }
        return new TarImageFiles(description, members, () -> { });
    }

    private static boolean isRegular(TarArchiveEntry entry) {
        return entry.isFile() && !entry.isLink() && !entry.isSymbolicLink();
    }

    /** @param stored the content of a regular file entry, null for other entries */
    private static void add(Map<String, Member> members, TarArchiveEntry entry, Stored stored, String description) {
        String key = key(entry.getName(), description);
        if (entry.isSymbolicLink()) {
            members.put(key, new Link(entry.getName(), entry.getLinkName(), true));
        } else if (entry.isLink()) {
            members.put(key, new Link(entry.getName(), key(entry.getLinkName(), description), false));
        } else if (stored != null) {
            members.put(key, stored);
        } else {
            // Folders, devices, fifos: an image archive references none of them. A later
            // entry of the same name replaces an earlier one, as tar extraction would.
            members.remove(key);
        }
    }

    private static String key(String rawName, String description) {
        try {
            return EntryName.parse(rawName).toString();
        } catch (UnsafeEntryException e) {
            throw ContedorException.runtime(description + ": " + e.getMessage()
                    + "; the archive is unsafe, nothing was imported");
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean exists(String path) {
        try {
            resolve(path);
            return true;
        } catch (ContedorException e) {
            return false;
        }
    }

    @Override
    public long size(String path) {
        return resolve(path).size();
    }

    @Override
    public InputStream open(String path) throws IOException {
        return resolve(path).opener().open();
    }

    /** Follows links by name, component by component, the way a kernel would inside a chroot. */
    private Stored resolve(String path) {
        List<String> pending = new ArrayList<>(components(path, path));
        List<String> done = new ArrayList<>();
        int hops = 0;
        while (!pending.isEmpty()) {
            String component = pending.removeFirst();
            if (component.equals("..")) {
                if (done.isEmpty()) {
                    throw ContedorException.runtime(description + ": \"" + path
                            + "\" leads outside the archive through a link; the archive is unsafe, nothing was imported");
                }
                done.removeLast();
                continue;
            }
            done.add(component);
            if (members.get(String.join("/", done)) instanceof Link link) {
                if (++hops > MAX_LINK_HOPS) {
                    throw ContedorException.runtime(description + ": \"" + path
                            + "\" goes through too many links (a loop?); the archive is damaged");
                }
                done.removeLast();
                if (link.symbolic()) {
                    if (link.target().startsWith("/")) {
                        throw ContedorException.runtime(description + ": \"" + path + "\" goes through the link \""
                                + link.entry() + "\" to the absolute path \"" + link.target()
                                + "\", outside the archive; the archive is unsafe, nothing was imported");
                    }
                } else {
                    done.clear();
                }
                List<String> next = new ArrayList<>(rawComponents(link.target()));
                next.addAll(pending);
                pending = next;
            }
        }
        if (members.get(String.join("/", done)) instanceof Stored stored) {
            return stored;
        }
        throw ContedorException.runtime(description + ": \"" + path
                + "\" is missing or not a regular file; the archive is incomplete or damaged, save it again");
    }

    /** A path asked for by a manifest: plain names only. */
    private List<String> components(String path, String shown) {
        try {
            return EntryName.parse(path).components();
        } catch (UnsafeEntryException e) {
            throw ContedorException.runtime(description + ": the path \"" + shown
                    + "\" leads outside the archive (" + e.getMessage() + "); the archive is unsafe, nothing was imported");
        }
    }

    /** A link target: may climb with {@code ..}, which {@link #resolve} confines. */
    private static List<String> rawComponents(String target) {
        List<String> out = new ArrayList<>();
        for (String part : target.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                out.add(part);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            resource.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
