package dev.contedor.cgroups.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How cgroup folders come and go. On cgroupfs a {@code mkdir} makes a cgroup (the kernel
 * fills it with control files) and an {@code rmdir} removes it with those files still
 * listed; a test on a fake tree plays the kernel's part.
 */
public interface DirectoryOps {
    /** The real thing: mkdir(2) and rmdir(2). */
    DirectoryOps KERNEL = new DirectoryOps() {
        @Override
        public void mkdir(Path folder) throws IOException {
            Files.createDirectory(folder);
        }

        @Override
        public void rmdir(Path folder) throws IOException {
            Files.delete(folder);
        }
    };

    /** Makes one folder whose parent exists; fails with FileAlreadyExistsException when it is there. */
    void mkdir(Path folder) throws IOException;

    /** Removes one empty cgroup folder. */
    void rmdir(Path folder) throws IOException;
}
