package dev.contedor.rootfs.overlay;

import dev.contedor.api.error.ContedorException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageDriverTest {
    private static final Path DATA = Path.of("/var/lib/contedor");
    private static final Optional<String> EXT4 = Optional.of("ext4");

    @Test
    void overlayWhenTheKernelHasItAndTheDataFolderCanHoldAnUpper() {
        StorageDriver.Choice c = StorageDriver.choose(Optional.empty(), true, EXT4, DATA);
        assertEquals(StorageDriver.OVERLAY, c.driver());
        assertEquals(Optional.empty(), c.fallback());
    }

    @Test
    void withoutOverlayfsContainersGetCopiesAndTheWarningSaysWhy() {
        StorageDriver.Choice c = StorageDriver.choose(Optional.empty(), false, EXT4, DATA);
        assertEquals(StorageDriver.VFS, c.driver());
        assertTrue(c.fallback().orElseThrow().contains("no overlayfs"), c.fallback().toString());
    }

    @Test
    void aDataFolderOnOverlayfsGetsCopiesAndSaysWhy() {
        StorageDriver.Choice c = StorageDriver.choose(Optional.empty(), true, Optional.of("overlay"), DATA);
        assertEquals(StorageDriver.VFS, c.driver());
        assertTrue(c.fallback().orElseThrow().contains(DATA + " is itself on an overlayfs"), c.fallback().toString());
    }

    @Test
    void theUsersChoiceWinsAndABadOneIsRefusedNamingTheVariable() {
        assertEquals(StorageDriver.VFS, StorageDriver.choose(Optional.of("VFS"), true, EXT4, DATA).driver());
        assertEquals(Optional.empty(), StorageDriver.choose(Optional.of("vfs"), true, EXT4, DATA).fallback());
        assertEquals(StorageDriver.OVERLAY, StorageDriver.choose(Optional.of("overlay2"), false, EXT4, DATA).driver());
        ContedorException e = assertThrows(ContedorException.class,
                () -> StorageDriver.choose(Optional.of("btrfs"), true, EXT4, DATA));
        assertTrue(e.getMessage().contains(StorageDriver.VARIABLE) && e.getMessage().contains("overlay or vfs"),
                e.getMessage());
    }
}
