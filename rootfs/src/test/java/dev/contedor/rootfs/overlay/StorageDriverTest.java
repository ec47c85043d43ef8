package dev.contedor.rootfs.overlay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageDriverTest {
    @TempDir
    Path temp;

    private Path filesystems(String content) throws IOException {
        return Files.writeString(temp.resolve("filesystems"), content);
    }

    @Test
    void overlayWhenTheKernelHasIt() throws IOException {
        StorageDriver.Choice c = StorageDriver.choose(Optional.empty(), temp, filesystems("nodev\tproc\nnodev\toverlay\n"));
        assertEquals(StorageDriver.OVERLAY, c.driver());
        assertEquals(Optional.empty(), c.fallback());
    }

    @Test
    void theUsersChoiceWins() throws IOException {
        Path fs = filesystems("nodev\toverlay\n");
        assertEquals(StorageDriver.VFS, StorageDriver.choose(Optional.of("vfs"), temp, fs).driver());
        assertEquals(Optional.empty(), StorageDriver.choose(Optional.of("VFS"), temp, fs).fallback());
        assertEquals(StorageDriver.OVERLAY, StorageDriver.choose(Optional.of("overlay2"), temp, fs).driver());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StorageDriver.choose(Optional.of("btrfs"), temp, fs));
        assertTrue(e.getMessage().contains("overlay or vfs"), e.getMessage());
    }

    @Test
    void aDataFolderOnOverlayfsGetsCopiesAndSaysWhy() throws IOException {
        // the data root's own filesystem is read from the mount table; / of this test is not
        // an overlay, so this checks only the message shape through a kernel without overlay
        Path noOverlay = filesystems("nodev\tproc\next4\n");
        StorageDriver.Choice c = StorageDriver.choose(Optional.empty(), temp, noOverlay);
        if (c.driver() == StorageDriver.VFS) {
            assertTrue(c.fallback().orElseThrow().contains("overlay"), c.fallback().toString());
        } else {
            // the overlay module exists on this host: the kernel would load it on first mount
            assertTrue(Files.isDirectory(Path.of("/sys/module/overlay")) || Files.isDirectory(Path.of("/lib/modules",
                    System.getProperty("os.version"), "kernel/fs/overlayfs")));
        }
    }
}
