package dev.contedor.rootfs.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkedLibrariesTest {
    @Test
    void parsesLibrariesAndLoaderAndSkipsTheVdso() throws IOException {
        List<String> ldd = List.of(
                "\tlinux-vdso.so.1 (0x00007ffc8a5f2000)",
                "\tlibselinux.so.1 => /lib/x86_64-linux-gnu/libselinux.so.1 (0x00007f0b5d1a0000)",
                "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0b5cfbf000)",
                "\t/lib64/ld-linux-x86-64.so.2 (0x00007f0b5d215000)");
        assertEquals(Set.of(Path.of("/lib/x86_64-linux-gnu/libselinux.so.1"), Path.of("/lib/x86_64-linux-gnu/libc.so.6"),
                Path.of("/lib64/ld-linux-x86-64.so.2")), LinkedLibraries.parse(Path.of("/bin/ls"), ldd));
    }

    @Test
    void aMissingLibraryIsNamed() {
        IOException e = assertThrows(IOException.class, () -> LinkedLibraries.parse(Path.of("/bin/x"),
                List.of("\tlibgone.so.3 => not found", "\tlibc.so.6 => /lib/libc.so.6 (0x1)")));
        assertTrue(e.getMessage().contains("libgone.so.3"), e.getMessage());
    }

    @Test
    void aStaticBinaryNeedsNothing() throws IOException {
        assertEquals(Set.of(), LinkedLibraries.parse(Path.of("/bin/busybox"), List.of("\tstatically linked")));
    }
}
