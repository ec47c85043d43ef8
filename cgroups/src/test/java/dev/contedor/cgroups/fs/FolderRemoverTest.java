package dev.contedor.cgroups.fs;

import dev.contedor.api.cgroup.CgroupVersion;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.fake.FakeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderRemoverTest {
    @TempDir
    Path mount;

    @Test
    void deepestFirstThenTheEmptyParent() throws IOException {
        Files.createDirectories(mount.resolve("contedor/c/x/y"));
        Files.createDirectories(mount.resolve("contedor/c/z"));
        List<Path> removed = new ArrayList<>();
        DirectoryOps recording = new DirectoryOps() {
            @Override
            public void mkdir(Path folder) throws IOException {
                Files.createDirectory(folder);
            }

            @Override
            public void rmdir(Path folder) throws IOException {
                Files.delete(folder);
                removed.add(mount.relativize(folder));
            }
        };
        new FolderRemover(recording, RemovalPolicy.within(Duration.ofSeconds(1))).remove(folder("contedor/c"), mount);
        assertEquals(Path.of("contedor/c/x/y"), removed.getFirst());
        assertEquals(List.of(Path.of("contedor/c"), Path.of("contedor")), removed.subList(3, 5));
        assertFalse(Files.exists(mount.resolve("contedor")));
    }

    @Test
    void retriesWhileBusyThenSucceeds() throws IOException {
        Files.createDirectories(mount.resolve("contedor/c"));
        int[] attempts = {0};
        DirectoryOps busyTwice = new DirectoryOps() {
            @Override
            public void mkdir(Path folder) {
            }

            @Override
            public void rmdir(Path folder) throws IOException {
                if (folder.endsWith("c") && attempts[0]++ < 2) {
                    throw new FileSystemException(folder.toString(), null, "Device or resource busy");
                }
                Files.delete(folder);
            }
        };
        new FolderRemover(busyTwice, RemovalPolicy.within(Duration.ofSeconds(2))).remove(folder("contedor/c"), mount);
        assertEquals(3, attempts[0]);
        assertFalse(Files.exists(mount.resolve("contedor/c")));
    }

    @Test
    void givesUpAfterTheTimeoutNamingTheFolderAndItsProcesses() throws IOException {
        Files.createDirectories(mount.resolve("contedor/c"));
        Files.writeString(mount.resolve("contedor/c/cgroup.procs"), "4242\n");
        long t0 = System.nanoTime();
        ContedorException e = assertThrows(ContedorException.class,
                () -> new FolderRemover(new FakeKernel(), RemovalPolicy.within(Duration.ofMillis(300))).remove(folder("contedor/c"), mount));
        assertTrue(System.nanoTime() - t0 >= 300_000_000L);
        assertEquals("cgroup " + mount.resolve("contedor/c") + " could not be removed: Device or resource busy"
                + " (processes still in it: [4242])", e.getMessage());
        assertTrue(Files.isDirectory(mount.resolve("contedor/c")));
    }

    @Test
    void anAbsentFolderIsFine() {
        new FolderRemover(new FakeKernel(), RemovalPolicy.within(Duration.ofMillis(100))).remove(folder("contedor/gone"), mount);
    }

    @Test
    void neverTheMountPointNorASliceNorSomethingOutside() throws IOException {
        Files.createDirectories(mount.resolve("machine.slice/c"));
        new FolderRemover(new FakeKernel(), RemovalPolicy.within(Duration.ofMillis(100))).remove(folder("machine.slice/c"), mount);
        assertTrue(Files.isDirectory(mount.resolve("machine.slice")));
        assertThrows(IllegalArgumentException.class,
                () -> new FolderRemover(new FakeKernel(), RemovalPolicy.within(Duration.ofMillis(100))).remove(folder(""), mount));
    }

    private CgroupFolder folder(String relative) {
        return new CgroupFolder(CgroupVersion.V2, relative.isEmpty() ? mount : mount.resolve(relative));
    }
}
