package dev.contedor.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -it} gives a real terminal; signals sent to contedor reach the container. */
class TerminalAndSignalsTest extends EndToEndTest {



    @Test
    void dashItGivesAPseudoTerminalWithTheCallersWindowSize() throws Exception {
        // script(1) gives contedor a terminal of its own, as an operator's shell would
        List<String> cmd = new ArrayList<>();
        for (String part : contedor.command("run", "--rm", "-it", "--", "sh", "-c", "tty; stty size; exit 5")) {
            cmd.add("'" + part.replace("'", "'\\''") + "'");
        }
        String inner = "stty rows 33 cols 111; " + String.join(" ", cmd);
        Process p = new ProcessBuilder("script", "-qefc", inner, "/dev/null").redirectErrorStream(true).start();
        p.getOutputStream().close();
        Contedor.Result r = Contedor.finish(p, 60);
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.out().contains("/dev/pts/0"), r.toString());
        assertTrue(r.out().contains("33 111"), r.toString());
    }

    @Test
    void sigtermToContedorReachesTheContainer() throws Exception {
        Process p = contedor.start("run", "--rm", "--", "sh", "-c",
                "trap 'echo got TERM; exit 42' TERM; echo ready; while true; do sleep 0.1; done");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        // ./contedor execs java, so the process is the JVM itself
        p.toHandle().destroy();
        assertEquals("got TERM", out.readLine());
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(42, p.exitValue());
    }

    /**
     * contedor killed outright (SIGKILL, the OOM killer): the stage, which outlives it, kills the
     * container and removes its cgroups, its own layer and its state.
     */
    @Test
    void aKilledContedorLeavesNothingBehind() throws Exception {
        Process p = contedor.start("run", "--rm", "-m", "64m", "--pids-limit", "20", "--", "sh", "-c",
                "echo ready; sleep 60");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        List<Path> states;
        try (var s = Files.list(contedor.stateRoot())) {
            states = s.toList();
        }
        assertEquals(1, states.size(), states.toString());
        String id = states.getFirst().getFileName().toString();
        Path pids = Path.of("/sys/fs/cgroup/pids/contedor", id);
        Path layer = contedor.dataRoot().resolve("containers").resolve(id);
        assertTrue(Files.isDirectory(pids) && Files.isDirectory(layer), "the container has its cgroups and layer");

        p.destroyForcibly(); // SIGKILL to the JVM: no shutdown hook, no finally
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while ((Files.exists(pids) || Files.exists(layer) || Files.exists(states.getFirst()))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(Files.exists(pids), "cgroup folder left: " + pids);
        assertFalse(Files.exists(layer), "container layer left: " + layer);
        assertFalse(Files.exists(states.getFirst()), "state left: " + states.getFirst());
    }
}
