package dev.contedor.rootfs.extract;

import dev.contedor.rootfs.posix.NativeFiles;
import dev.contedor.rootfs.posix.NativeFiles.NativeCallException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** One extraction: the state that lives from the first entry to the last. */
final class ExtractionRun {
    private static final System.Logger LOG = System.getLogger(SafeTarExtractor.class.getName());
    private static final int EOPNOTSUPP = 95;

    private final ConfinedTree tree;
    private final ExtractionOptions options;
    /** Regular files written by this run: the only valid hard link targets. */
    private final Set<EntryName> regularFiles = new HashSet<>();
    /** Directory modes and times, applied at the end so that a read-only or dated directory still takes its children. */
    private final Map<EntryName, DirectoryAttributes> directories = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private record DirectoryAttributes(int mode, FileTime mtime) {
    }

    ExtractionRun(ConfinedTree tree, ExtractionOptions options) {
        this.tree = tree;
        this.options = options;
    }

    ExtractionSummary extract(InputStream tarStream) throws IOException {
        PaxXattrTap tap = new PaxXattrTap(tarStream);
        TarArchiveInputStream tar = new TarArchiveInputStream(tap, "UTF-8");
        String previous = null;
        int ordinal = 0;
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException | RuntimeException e) {
                String where = previous == null ? "at its start" : "after entry \"" + previous + "\"";
                throw new IOException("corrupt tar archive " + where + ": " + e.getMessage(), e);
            }
            if (entry == null) {
                break;
            }
            ordinal++;
            options.budget().charge(WriteBudget.ENTRY_COST);
            try {
                extractEntry(tar, entry, ordinal, tap);
            } catch (TarEntryException e) {
                throw e;
            } catch (IOException | InvalidPathException | UncheckedIOException e) {
                throw new TarEntryException(entry.getName(), describe(e), e);
            }
            previous = entry.getName();
        }
        applyDirectoryAttributes();
        return new ExtractionSummary(ordinal, warnings);
    }

    private void extractEntry(TarArchiveInputStream tar, TarArchiveEntry entry, int ordinal, PaxXattrTap tap)
            throws IOException {
        EntryName name = EntryName.parse(entry.getName());
        if (options.interceptor().intercept(entry, name, tree)) {
            return;
        }
        if (name.isRoot()) {
            if (!entry.isDirectory()) {
                throw new UnsafeEntryException(entry.getName(), "it names the root itself but is not a directory");
            }
            chown(tree.root(), entry);
            directories.put(name, new DirectoryAttributes(entry.getMode() & 07777, entry.getLastModifiedTime()));
            return;
        }
        Path target = tree.prepareParent(name).resolve(name.fileName());
        if (entry.isDirectory()) {
            directory(target, name, entry);
        } else if (entry.isSymbolicLink()) {
            symbolicLink(target, name, entry);
        } else if (entry.isLink()) {
            hardLink(target, name, entry);
        } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            special(target, name, entry);
        } else if (isRegularFile(entry)) {
            regularFile(tar, target, name, entry, ordinal, tap);
        } else {
            warn(entry.getName(), "skipped: tar entry type '" + (char) entry.getLinkFlag() + "' is not supported");
        }
    }

    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
                || flag == TarConstants.LF_CONTIG || entry.isGNUSparse();
    }

    private void directory(Path target, EntryName name, TarArchiveEntry entry) throws IOException {
        if (tree.clearForNewEntry(target, name, true)) {
            Files.createDirectory(target);
        }
        regularFiles.remove(name);
        chown(target, entry);
        directories.put(name, new DirectoryAttributes(entry.getMode() & 07777, entry.getLastModifiedTime()));
    }

    private void symbolicLink(Path target, EntryName name, TarArchiveEntry entry) throws IOException {
        String link = entry.getLinkName();
        checkSymbolicLinkTarget(name, link);
        tree.clearForNewEntry(target, name, false);
        regularFiles.remove(name);
        Files.createSymbolicLink(target, Path.of(link));
        chown(target, entry);
        setMtime(target, entry.getLastModifiedTime());
    }

    /**
     * A relative target is resolved lexically from the link's own directory; climbing above
     * the root is refused, because tools on the host (and this extractor's callers) resolve
     * such links outside the tree.
     */
    private static void checkSymbolicLinkTarget(EntryName name, String link) throws TarEntryException {
        if (link == null || link.isEmpty()) {
            throw new TarEntryException(name.raw(), "symbolic link with an empty target");
        }
        if (link.startsWith("/")) {
            return;
        }
        int depth = name.depth() - 1;
        for (String part : link.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (depth == 0) {
                    throw new UnsafeEntryException(name.raw(),
                            "its symbolic link target \"" + link + "\" climbs above the root");
                }
                depth--;
            } else {
                depth++;
            }
        }
    }

    private void hardLink(Path target, EntryName name, TarArchiveEntry entry) throws IOException {
        String link = entry.getLinkName();
        if (link == null || link.isEmpty()) {
            throw new TarEntryException(entry.getName(), "hard link with an empty target");
        }
        if (link.startsWith("/")) {
            throw new UnsafeEntryException(entry.getName(), "its hard link target \"" + link + "\" is absolute");
        }
        EntryName source;
        try {
            source = EntryName.parse(link);
        } catch (UnsafeEntryException e) {
            throw new UnsafeEntryException(entry.getName(), "its hard link target \"" + link + "\" contains '..'");
        }
        if (source.equals(name)) {
            return; // a link to itself: nothing to do
        }
        Path sourcePath = regularFiles.contains(source) ? tree.existing(source) : null;
        BasicFileAttributes attrs = sourcePath == null ? null : ConfinedTree.lstat(sourcePath);
        if (attrs == null || !attrs.isRegularFile()) {
            if (options.interceptor().linkOutsideArchive(entry, name, source, target, tree)) {
                regularFiles.add(name);
                return;
            }
            throw new UnsafeEntryException(entry.getName(), "its hard link target \"" + link
                    + "\" is not a regular file extracted earlier from this archive");
        }
        tree.clearForNewEntry(target, name, false);
        Files.createLink(target, sourcePath);
        regularFiles.add(name);
    }

    private void special(Path target, EntryName name, TarArchiveEntry entry) throws IOException {
        boolean fifo = entry.isFIFO();
        int type = fifo ? NativeFiles.S_IFIFO
                : entry.isCharacterDevice() ? NativeFiles.S_IFCHR : NativeFiles.S_IFBLK;
        if (!fifo && !options.createDevices()) {
            warn(entry.getName(), "device node skipped: creating devices needs root");
            return;
        }
        tree.clearForNewEntry(target, name, false);
        regularFiles.remove(name);
        try {
            NativeFiles.mknod(target, type, 0600, entry.getDevMajor(), entry.getDevMinor());
        } catch (NativeCallException e) {
            if (!fifo && e.isPermissionDenied()) {
                // Root in a user namespace may not create devices; the runtime bind-mounts /dev anyway.
                warn(entry.getName(), "device node skipped: " + e.getMessage());
                return;
            }
            throw e;
        }
        chown(target, entry);
        chmod(target, entry.getMode() & 07777);
        setMtime(target, entry.getLastModifiedTime());
    }

    private void regularFile(TarArchiveInputStream tar, Path target, EntryName name, TarArchiveEntry entry,
            int ordinal, PaxXattrTap tap) throws IOException {
        tree.clearForNewEntry(target, name, false);
        // CREATE_NEW fails on anything already there, a dangling link included: never follows one.
        try (OutputStream out = Files.newOutputStream(target,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            // charged as it is written: a sparse entry's holes are written out as zeros
            options.budget().charging(tar).transferTo(out);
        }
        regularFiles.add(name);
        // Order matters: chown clears setuid/setgid and file capabilities, so mode and
        // capabilities come after it; the mtime comes last.
        chown(target, entry);
        chmod(target, entry.getMode() & 07777);
        setCapabilities(target, entry, ordinal, tap);
        setMtime(target, entry.getLastModifiedTime());
    }

    private void setCapabilities(Path target, TarArchiveEntry entry, int ordinal, PaxXattrTap tap) throws IOException {
        CapabilityHeader.Lookup lookup = CapabilityHeader.of(entry, ordinal, tap);
        if (lookup.problem() != null) {
            warn(entry.getName(), lookup.problem() + "; file capabilities not set");
            return;
        }
        if (lookup.value() == null) {
            return;
        }
        try {
            NativeFiles.lsetxattr(target, CapabilityHeader.XATTR, lookup.value());
        } catch (NativeCallException e) {
            if (e.isPermissionDenied() || e.errno() == EOPNOTSUPP) {
                warn(entry.getName(), "file capabilities not set: " + e.getMessage());
                return;
            }
            throw new TarEntryException(entry.getName(), "cannot set file capabilities: " + e.getMessage(), e);
        }
    }

    private void chown(Path target, TarArchiveEntry entry) throws IOException {
        if (!options.preserveOwnership()) {
            return;
        }
        try {
            // With NOFOLLOW_LINKS the JDK calls lchown, so a link itself is changed.
            Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            // Root in a user namespace cannot give ids it has no mapping for (EINVAL); one
            // such file should not cost the whole root filesystem.
            warn(entry.getName(), "owner " + entry.getLongUserId() + ":" + entry.getLongGroupId() + " not set: "
                    + describe(e));
        }
    }

    /**
     * chmod(2) by path, for paths this run created or lstat-checked, so never a link. Not the
     * JDK's NOFOLLOW_LINKS variant: it opens the file, which blocks on a fifo.
     */
    private static void chmod(Path target, int mode) throws IOException {
        Files.setAttribute(target, "unix:mode", mode);
    }

    private static void setMtime(Path target, FileTime mtime) throws IOException {
        if (mtime != null) {
            NativeFiles.setModificationTime(target, mtime);
        }
    }

    private void applyDirectoryAttributes() throws IOException {
        // Deepest first: a parent made read-only or non-searchable must not block its children.
        List<Map.Entry<EntryName, DirectoryAttributes>> ordered = new ArrayList<>(directories.entrySet());
        ordered.sort(Comparator.comparingInt((Map.Entry<EntryName, DirectoryAttributes> e) -> e.getKey().depth()).reversed());
        for (Map.Entry<EntryName, DirectoryAttributes> e : ordered) {
            Path dir;
            try {
                dir = tree.existing(e.getKey());
            } catch (UnsafeEntryException replacedByLink) {
                continue; // a later entry turned a parent into a link: this directory is gone
            }
            BasicFileAttributes attrs = dir == null ? null : ConfinedTree.lstat(dir);
            if (attrs == null || !attrs.isDirectory()) {
                continue; // replaced by a later entry; never chmod through a link
            }
            try {
                chmod(dir, e.getValue().mode());
                setMtime(dir, e.getValue().mtime());
            } catch (IOException ex) {
                throw new TarEntryException(e.getKey().raw(), describe(ex), ex);
            }
        }
    }

    private void warn(String entryName, String message) {
        String line = "entry \"" + entryName + "\": " + message;
        warnings.add(line);
        LOG.log(System.Logger.Level.DEBUG, line);
    }

    private static String describe(Exception e) {
        if (e instanceof FileSystemException fse) {
            String reason = fse.getReason() != null ? fse.getReason() : fse.getClass().getSimpleName();
            return reason + " (" + fse.getFile() + ")";
        }
        if (e instanceof InvalidPathException) {
            return "its name cannot be a file name here (" + e.getMessage()
                    + "); a UTF-8 locale (LANG=C.UTF-8) may be needed";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
