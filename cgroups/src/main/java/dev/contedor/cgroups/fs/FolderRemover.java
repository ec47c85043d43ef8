package dev.contedor.cgroups.fs;

import dev.contedor.api.error.ContedorException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Removes a container's cgroup folder: its sub-cgroups first (a container may make its own,
 * e.g. systemd inside it), then the folder, retrying while the kernel answers EBUSY (killed
 * processes take a moment to leave), then its parent when that is empty. Nothing else is
 * touched: a folder outside the container's own is never removed, save that empty parent.
 */
public final class FolderRemover {
    private final DirectoryOps ops;
    private final RemovalPolicy policy;

    public FolderRemover(DirectoryOps ops, RemovalPolicy policy) {
        this.ops = ops;
        this.policy = policy;
    }

    /**
     * Removes {@code folder} (and the cgroups below it); an absent folder is fine.
     *
     * @param mountPoint the hierarchy's mount point, which bounds the parent removal
     */
    public void remove(CgroupFolder folder, Path mountPoint) {
        remove(folder, mountPoint, deadline());
    }

    /** The moment busy retries stop, for removals that share one wait ({@link System#nanoTime()} based). */
    public long deadline() {
        return System.nanoTime() + policy.busyTimeout().toNanos();
    }

    /** As {@link #remove(CgroupFolder, Path)}, retrying until a deadline shared with other removals. */
    public void remove(CgroupFolder folder, Path mountPoint, long deadline) {
        Path leaf = folder.path();
        if (!leaf.startsWith(mountPoint) || leaf.equals(mountPoint)) {
            throw new IllegalArgumentException(leaf + " is not a folder below " + mountPoint);
        }
        for (Path dir : SubCgroups.deepestFirst(leaf)) {
            removeOne(folder, dir, deadline);
        }
        removeEmptyParent(leaf, mountPoint);
    }

    private void removeOne(CgroupFolder folder, Path dir, long deadline) {
        while (true) {
            try {
                ops.rmdir(dir);
                return;
            } catch (NoSuchFileException gone) {
                return;
            } catch (IOException e) {
                if (!KernelErrors.isBusy(e) || System.nanoTime() > deadline) {
                    String tasks = "";
                    try {
                        tasks = new CgroupFolder(folder.version(), dir).processes().toString();
                    } catch (RuntimeException ignored) {
                        // the reason below is what matters
                    }
                    throw ContedorException.runtime("cgroup " + dir + " could not be removed: "
                            + KernelErrors.describe(e) + (tasks.isEmpty() || tasks.equals("[]") ? ""
                            : " (processes still in it: " + tasks + ")"), e);
                }
            }
            sleep(policy.retryInterval().toMillis());
        }
    }

    /**
     * The parent of the container's folder ({@code contedor}) is removed when nothing is left
     * in it; a failure (another container is there) is ignored. Never the mount point, and
     * never a systemd unit's folder ({@code *.slice}).
     */
    private void removeEmptyParent(Path leaf, Path mountPoint) {
        removableParent(leaf, mountPoint).ifPresent(parent -> {
            try {
                ops.rmdir(parent);
            } catch (IOException | RuntimeException ignored) {
                // still used by another container, or not ours to remove
            }
        });
    }

    /** The parent removed when empty: never the mount point, never a systemd unit's folder. */
    public static Optional<Path> removableParent(Path leaf, Path mountPoint) {
        Path parent = leaf.getParent();
        if (parent == null || parent.equals(mountPoint) || !parent.startsWith(mountPoint)
                || parent.getFileName().toString().endsWith(".slice")) {
            return Optional.empty();
        }
        return Optional.of(parent);
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ContedorException.runtime("interrupted while removing cgroups", e);
        }
    }
}
