package dev.contedor.rootfs.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command inside a built root filesystem with chroot(8): proof that it is usable. */
final class ChrootRunner {
    private ChrootRunner() {
    }

    static String run(Path root, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("chroot", root.toString()));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " printed: " + out);
        return out;
    }
}
