package dev.contedor.rootfs.image.bootstrap;

import dev.contedor.rootfs.image.Image;
import dev.contedor.rootfs.image.ImageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.contedor.rootfs.image.bootstrap.DebianBootstrapTest.script;
import static dev.contedor.rootfs.image.bootstrap.DebianBootstrapTest.workFolders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The success path with a fake debootstrap that makes a tiny tree: what the store gets. */
class DebianBootstrapImportTest {
    @TempDir
    Path tmp;

    @Test
    void theTreeBecomesAOneLayerImageAndTheWorkFolderIsGone() throws IOException {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        script(bin, "debootstrap", """
                t="$3"
                mkdir -p "$t/bin" "$t/etc" "$t/var/cache/apt/archives/partial"
                printf '#!/bin/sh\\necho hi\\n' > "$t/bin/bash"
                chmod 755 "$t/bin/bash"
                echo 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"' > "$t/etc/os-release"
                echo deb > "$t/var/cache/apt/archives/libc6_2.36_amd64.deb"
                echo 'I: Base system installed successfully.'
                """);
        ImageStore store = new ImageStore(tmp.resolve("data"));
        DebianBootstrap bootstrap = new DebianBootstrap(store, ExecutableLookup.onPath(bin.toString()), Optional.empty());

        Image image = bootstrap.bootstrap(DebianBootstrap.Request.of(null, null, null, null));

        assertEquals(List.of("debian:bookworm"), image.tags());
        assertEquals(1, image.diffIds().size());
        assertEquals(List.of("/bin/bash"), image.config().cmd());
        assertEquals(List.of(DebianBootstrap.IMAGE_PATH), image.config().env());
        assertEquals(image.id(), store.require("debian:bookworm").id());
        List<Path> layers = store.layerFolders(image);
        Path top = layers.getLast();
        assertTrue(Files.isExecutable(top.resolve("bin/bash")));
        assertTrue(Files.readString(top.resolve("etc/os-release")).contains("bookworm"));
        assertTrue(Files.isDirectory(top.resolve("var/cache/apt/archives/partial")));
        assertFalse(Files.exists(top.resolve("var/cache/apt/archives/libc6_2.36_amd64.deb")), "downloaded .debs dropped");
        assertEquals(List.of(), workFolders(store), "the work folder is gone");
    }

    @Test
    void packagesBehindALinkAreNotDeleted() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("host/apt/archives"));
        Path hostDeb = Files.writeString(outside.resolve("keep_1.0_amd64.deb"), "deb");
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        script(bin, "debootstrap", """
                t="$3"
                mkdir -p "$t/bin" "$t/var"
                printf '#!/bin/sh\n' > "$t/bin/bash"
                ln -s %s "$t/var/cache"
                """.formatted(tmp.resolve("host")));
        ImageStore store = new ImageStore(tmp.resolve("data"));
        DebianBootstrap bootstrap = new DebianBootstrap(store, ExecutableLookup.onPath(bin.toString()), Optional.empty());
        bootstrap.bootstrap(DebianBootstrap.Request.of("sid", null, null, null));
        assertTrue(Files.exists(hostDeb));
    }
}
