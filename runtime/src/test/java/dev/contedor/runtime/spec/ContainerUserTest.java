package dev.contedor.runtime.spec;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.rootfs.ContainerRootfs;
import dev.contedor.api.rootfs.ImageDefaults;
import dev.contedor.api.rootfs.Overlay;
import dev.contedor.api.spec.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Users as docker resolves them, from the container's files only. */
class ContainerUserTest {
    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            # a comment
            www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
            app:x:1000:1001:App:/home/app:/bin/sh
            nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
            """;
    private static final String GROUP = """
            root:x:0:
            www-data:x:33:
            appgroup:x:1001:
            audio:x:29:app,www-data
            video:x:44:app
            """;

    @TempDir
    Path temp;

    private ContainerRootfs folder() throws IOException {
        Path root = temp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), PASSWD);
        Files.writeString(root.resolve("etc/group"), GROUP);
        return ContainerRootfs.folder(root);
    }

    @Test
    void aNameGetsItsIdsGroupsAndHome() throws IOException {
        ContainerUser.Resolved app = ContainerUser.resolve("--user", "app", folder());
        assertEquals(new User(1000, 1001, List.of(29, 44)), app.user());
        assertEquals(Optional.of("/home/app"), app.home());
    }

    @Test
    void numbersNeedNoEntryAndThenTheGroupIsRoot() throws IOException {
        ContainerRootfs root = folder();
        assertEquals(new User(4242, 0, List.of()), ContainerUser.resolve("--user", "4242", root).user());
        assertEquals(Optional.empty(), ContainerUser.resolve("--user", "4242", root).home());
        // a number that passwd knows takes its primary group and home
        assertEquals(new User(33, 33, List.of(29)), ContainerUser.resolve("--user", "33", root).user());
        assertEquals(Optional.of("/var/www"), ContainerUser.resolve("--user", "33", root).home());
        assertEquals(new User(4242, 7, List.of()), ContainerUser.resolve("--user", "4242:7", root).user());
    }

    @Test
    void groupsByNameOrNumber() throws IOException {
        ContainerRootfs root = folder();
        assertEquals(new User(33, 1001, List.of(29)), ContainerUser.resolve("--user", "www-data:appgroup", root).user());
        assertEquals(new User(1000, 5, List.of(29, 44)), ContainerUser.resolve("--user", "app:5", root).user());
    }

    @Test
    void unknownNamesAndBadSyntaxAreRefusedNamingThem() throws IOException {
        ContainerRootfs root = folder();
        ContedorException user = assertThrows(ContedorException.class,
                () -> ContainerUser.resolve("--user", "ghost", root));
        assertTrue(user.getMessage().contains("ghost") && user.getMessage().contains("/etc/passwd"), user.getMessage());
        ContedorException group = assertThrows(ContedorException.class,
                () -> ContainerUser.resolve("--user", "app:ghosts", root));
        assertTrue(group.getMessage().contains("ghosts") && group.getMessage().contains("/etc/group"), group.getMessage());
        for (String bad : List.of("", "a:b:c", "-1", "ro ot", "x:", "99999999999")) {
            assertThrows(ContedorException.class, () -> ContainerUser.resolve("--user", bad, root), bad);
        }
    }

    @Test
    void theTopLayerWinsAndAWhiteoutOrALinkIsNeverFollowed() throws IOException {
        Path lower = temp.resolve("lower");
        Path upper = temp.resolve("upper");
        Files.createDirectories(lower.resolve("etc"));
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(lower.resolve("etc/passwd"), "old:x:5:5::/old:/bin/sh\n");
        Files.writeString(upper.resolve("etc/passwd"), "new:x:6:6::/new:/bin/sh\n");
        ContainerRootfs layered = new ContainerRootfs(temp.resolve("mnt"), Optional.of(new Overlay(List.of(upper, lower),
                temp.resolve("u"), temp.resolve("w"))), ImageDefaults.NONE, Optional.empty());
        assertEquals(6, ContainerUser.resolve("--user", "new", layered).user().uid());
        assertThrows(ContedorException.class, () -> ContainerUser.resolve("--user", "old", layered));

        // a symbolic link to the host's passwd is not read: the user is unknown
        Path linked = temp.resolve("linked");
        Files.createDirectories(linked.resolve("etc"));
        Files.createSymbolicLink(linked.resolve("etc/passwd"), Path.of("/etc/passwd"));
        assertThrows(ContedorException.class, () -> ContainerUser.resolve("--user", "root", ContainerRootfs.folder(linked)));
        Path linkedParent = temp.resolve("linked-parent");
        Files.createDirectories(linkedParent);
        Files.createSymbolicLink(linkedParent.resolve("etc"), Path.of("/etc"));
        assertEquals(Optional.empty(), ContainerRootfs.folder(linkedParent).file("/etc/passwd"));
    }
}
