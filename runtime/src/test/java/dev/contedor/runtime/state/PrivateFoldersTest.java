package dev.contedor.runtime.state;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.error.ContedorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data and state folders become 0700, made or corrected; the tests run as root, as contedor does. */
class PrivateFoldersTest {
    @TempDir
    Path temp;

    private String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void missingFoldersAreMadePrivateAndOpenOnesCorrected() throws Exception {
        Path data = temp.resolve("data");
        Files.createDirectories(data.resolve("images"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("images"), PosixFilePermissions.fromString("rwxrwxrwx"));
        PrivateFolders.secure(new RuntimePaths(temp.resolve("run"), data, data.resolve("plugins")));
        for (Path p : new Path[] {temp.resolve("run"), data, data.resolve("images"), data.resolve("containers"),
                data.resolve("rootfs")}) {
            assertEquals("rwx------", mode(p), p.toString());
        }
        assertTrue(Files.notExists(data.resolve("plugins")), "the plugins folder is not contedor's to make");
    }

    @Test
    void aLinkInPlaceOfAFolderIsRefused() throws Exception {
        Path target = Files.createDirectory(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temp.resolve("data"), target);
        ContedorException e = assertThrows(ContedorException.class,
                () -> PrivateFolders.secure(new RuntimePaths(temp.resolve("run"), link, link.resolve("plugins"))));
        assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
        assertEquals("rwxr-xr-x", mode(target), "the link's target is left alone");
    }
}
