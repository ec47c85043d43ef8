package dev.contedor.it;

import dev.contedor.rootfs.builtin.HostToolsRootfs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** System V IPC objects made inside are not the host's, and the reverse (util-linux's ipcmk, ipcs). */
class IpcTest extends EndToEndTest {
    private static final Pattern QUEUE_ID = Pattern.compile("Message queue id: (\\d+)");
    /** An {@code ipcs -q} row: key, msqid, owner, ... */
    private static final Pattern ROW = Pattern.compile("(0x[0-9a-f]{8})\\s+(\\d+)\\s+.*");

    Path rootfs;

    @BeforeEach
    void makeRootfsWithIpcTools() throws IOException {
        rootfs = work.resolve("ipc-rootfs");
        HostToolsRootfs.build(rootfs, List.of("sh", "ipcmk", "ipcs", "cat"));
    }

    private static String host(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static List<String> keys(String ipcs) {
        return ipcs.lines().map(String::strip).map(ROW::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
    }

    @Test
    void aQueueMadeInsideIsNotTheHostsAndTheHostsIsNotSeenInside() throws Exception {
        Matcher made = QUEUE_ID.matcher(host("ipcmk", "-Q"));
        assertTrue(made.find());
        String hostId = made.group(1);
        try {
            String hostKey = host("ipcs", "-q").lines().map(String::strip).map(ROW::matcher).filter(Matcher::matches)
                    .filter(m -> m.group(2).equals(hostId)).map(m -> m.group(1)).findFirst().orElseThrow();

            Contedor.Result r = contedor.run("run", "--rm", "--rootfs", rootfs.toString(), "--", "sh", "-c",
                    "ipcmk -Q >/dev/null && ipcs -q");
            assertEquals(0, r.exitCode(), r.toString());
            List<String> inside = keys(r.out());
            assertEquals(1, inside.size(), "the container sees its own queue only:\n" + r.out());
            assertFalse(inside.contains(hostKey), "the host's queue is visible inside");
            assertFalse(keys(host("ipcs", "-q")).contains(inside.getFirst()), "the container's queue is the host's");
        } finally {
            host("ipcrm", "-q", hostId);
        }
    }
}
