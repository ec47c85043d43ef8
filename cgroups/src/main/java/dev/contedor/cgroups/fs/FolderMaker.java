package dev.contedor.cgroups.fs;

import dev.contedor.api.error.ContedorException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the folders of a relative cgroup path ({@code contedor/ID}) below a hierarchy's
 * mount point, one level at a time, so that the caller can prepare each level before the
 * next is made (v1 cpuset values, v2 {@code cgroup.subtree_control}).
 */
public final class FolderMaker {
    /** Called for each level, parent first; {@code parent} of the first level is the mount point. */
    public interface LevelHook {
        void prepare(Path parent, Path level);
    }

    private final DirectoryOps ops;

    public FolderMaker(DirectoryOps ops) {
        this.ops = ops;
    }

    /** The levels of a relative path below a mount point, top first: {@code M/contedor}, {@code M/contedor/ID}. */
    public static List<Path> levels(Path mountPoint, String relativePath) {
        List<Path> levels = new ArrayList<>();
        Path current = mountPoint;
        for (Path name : Path.of(relativePath)) {
            current = current.resolve(name.toString());
            levels.add(current);
        }
        return levels;
    }

    /**
     * Makes every missing level. A level that vanishes while its child is being made (another
     * container's cleanup removed an empty parent at that instant) is made again.
     */
    public void make(Path mountPoint, String relativePath, LevelHook hook) {
        List<Path> levels = levels(mountPoint, relativePath);
        for (int attempt = 0; ; attempt++) {
            try {
                Path parent = mountPoint;
                for (Path level : levels) {
                    if (!Files.isDirectory(level)) {
                        try {
                            ops.mkdir(level);
                        } catch (FileAlreadyExistsException alreadyThere) {
                            // made by someone else meanwhile: fine
                        }
                    }
                    hook.prepare(parent, level);
                    parent = level;
                }
                return;
            } catch (NoSuchFileException e) {
                if (attempt >= 3) {
                    throw failure(e);
                }
            } catch (IOException e) {
                throw failure(e);
            }
        }
    }

    private static ContedorException failure(IOException e) {
        String file = e instanceof FileSystemException f ? f.getFile() : "";
        return ContedorException.runtime("cannot make cgroup " + file + ": " + KernelErrors.describe(e), e);
    }
}
