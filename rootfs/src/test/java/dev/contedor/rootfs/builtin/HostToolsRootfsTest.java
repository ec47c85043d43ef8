package dev.contedor.rootfs.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.host.ProcessCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostToolsRootfsTest {
    @TempDir
    Path target;

    /** Libraries as the test itself reads them from ldd, independently of LinkedLibraries. */
    private static List<String> lddLibraries(String program) throws Exception {
        Process p = new ProcessBuilder("ldd", program).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        List<String> libs = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*(?:\\S+ => )?(/\\S+) \\(0x").matcher(out);
        while (m.find()) {
            libs.add(m.group(1));
        }
        return libs;
    }

    private static String which(String tool) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), tool + " not on PATH");
        return out;
    }

    @Test
    void copiesShWithEveryLibraryItLoads() throws Exception {
        HostToolsRootfs.build(target, List.of("sh"));
        assertTrue(Files.isRegularFile(target.resolve("bin/sh")));
        assertTrue(Files.isExecutable(target.resolve("bin/sh")));
        List<String> libs = lddLibraries(which("sh"));
        assertTrue(libs.stream().anyMatch(l -> l.contains("libc.so")), "ldd lists libc: " + libs);
        assertTrue(libs.stream().anyMatch(l -> l.contains("ld-linux")), "ldd lists the loader: " + libs);
        for (String lib : libs) {
            Path inside = target.resolve(lib.substring(1));
            assertTrue(Files.isRegularFile(inside), lib + " missing inside");
            assertEquals(Files.size(Path.of(lib)), Files.size(inside), lib);
        }
        if (ProcessCredentials.isRoot()) {
            assertEquals("ok\n", ChrootRunner.run(target, "/bin/sh", "-c", "echo ok"));
        }
    }

    @Test
    void utilLinuxIpcToolsForTheEndToEndTests() throws Exception {
        assertTrue(!HostToolsRootfs.available(List.of("ipcmk", "ipcs")).isEmpty(), "ipcmk/ipcs are missing: apt-get install util-linux");
        HostToolsRootfs.build(target, List.of("sh", "ipcmk", "ipcs"));
        for (String lib : lddLibraries(which("ipcs"))) {
            assertTrue(Files.isRegularFile(target.resolve(lib.substring(1))), lib);
        }
        if (ProcessCredentials.isRoot()) {
            // No /proc is mounted under plain chroot, so only check that the program loads.
            String out = ChrootRunner.run(target, "/bin/sh", "-c", "/bin/ipcs --version");
            assertTrue(out.contains("util-linux"), out);
        }
    }

    @Test
    void aMissingToolIsNamed() {
        IOException e = assertThrows(IOException.class,
                () -> HostToolsRootfs.build(target, List.of("sh", "contedor-no-such-tool")));
        assertTrue(e.getMessage().contains("contedor-no-such-tool"), e.getMessage());
        assertFalse(Files.exists(target.resolve("bin/sh")), "nothing is built when a tool is missing");
    }
}
