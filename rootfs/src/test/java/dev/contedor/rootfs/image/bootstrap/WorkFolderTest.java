package dev.contedor.rootfs.image.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aLiveFolderIsKeptAndADeadOneDeleted() throws IOException {
        try (WorkFolder live = WorkFolder.create(tmp)) {
            assertTrue(live.dir().getFileName().toString().startsWith("bootstrap-"));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(live.dir())));
            Files.createDirectories(live.dir().resolve("etc"));
            Path dead = Files.createDirectories(tmp.resolve("bootstrap-dead/var/lib"));
            Files.writeString(tmp.resolve("bootstrap-dead.lock"), "");

            assertEquals(List.of(tmp.resolve("bootstrap-dead")), WorkFolder.removeStale(tmp));

            assertFalse(Files.exists(dead));
            assertFalse(Files.exists(tmp.resolve("bootstrap-dead.lock")));
            assertTrue(Files.isDirectory(live.dir().resolve("etc")));
        }
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "close() deletes the folder and its lock file");
        }
    }

    @Test
    void orphanLockFilesGoWhenOld() throws IOException {
        Path old = Files.writeString(tmp.resolve("bootstrap-old.lock"), "");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        Path young = Files.writeString(tmp.resolve("bootstrap-young.lock"), "");
        WorkFolder.removeStale(tmp);
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(young), "may be a bootstrap about to lock it");
    }

    @Test
    void otherFilesAreNotTouched() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("something-else"));
        assertEquals(List.of(), WorkFolder.removeStale(tmp));
        assertTrue(Files.exists(other));
        assertEquals(List.of(), WorkFolder.removeStale(tmp.resolve("missing")));
    }
}
