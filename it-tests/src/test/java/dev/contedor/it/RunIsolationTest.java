package dev.contedor.it;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The course's guided container, checked the way the course checks it by hand. */
class RunIsolationTest extends EndToEndTest {



    @Test
    void ownHostnameAndPidNamespaceWhileTheHostKeepsItsName() throws IOException {
        String hostBefore = Files.readString(Path.of("/proc/sys/kernel/hostname"));
        Contedor.Result r = contedor.run("run", "--rm", "--hostname", "contedor-a-man", "--",
                "sh", "-c", "hostname; echo $$; ls /proc | grep -c '^[0-9]'");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("contedor-a-man", lines.get(0));
        assertEquals("1", lines.get(1));
        int processes = Integer.parseInt(lines.get(2));
        assertTrue(processes >= 2 && processes <= 3, "the container sees only its own processes: " + processes);
        assertEquals(hostBefore, Files.readString(Path.of("/proc/sys/kernel/hostname")));
    }

    @Test
    void aMountMadeInsideIsNotSeenByTheHost() throws Exception {
        String marker = "contedor-it-" + UUID.randomUUID().toString().substring(0, 8);
        Process p = contedor.start("run", "--rm", "-i", "--privileged", "--", "sh", "-c",
                "mkdir -p /tmp/m && mount -t tmpfs " + marker + " /tmp/m && grep -c " + marker
                        + " /proc/self/mountinfo && echo ready && read line; true");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("1", out.readLine(), "the mount is visible inside");
        assertEquals("ready", out.readLine());
        // the container is still running with its mount: the host must not see it
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(marker));
        p.getOutputStream().close();
        assertEquals(0, Contedor.finish(p, 60).exitCode());
    }

    @Test
    void theNetworkHasOnlyLoopbackAndItIsUp() {
        Contedor.Result r = contedor.run("run", "--rm", "--", "sh", "-c",
                "ls /sys/class/net; cat /sys/class/net/lo/flags; cat /proc/net/dev | tail -n +3 | cut -d: -f1");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().map(String::strip).toList();
        assertEquals("lo", lines.get(0));
        int flags = Integer.decode(lines.get(1));
        assertEquals(1, flags & 1, "lo is up (IFF_UP)");
        assertEquals(List.of("lo"), lines.subList(2, lines.size()));
    }

    @Test
    void networkHostSharesTheHostsInterfaces() throws IOException {
        Contedor.Result r = contedor.run("run", "--rm", "--network", "host", "--", "sh", "-c", "ls /sys/class/net");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> host;
        try (var s = Files.list(Path.of("/sys/class/net"))) {
            host = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(host, r.out().lines().sorted().toList());
    }

    @Test
    void dockersDefaultCapabilitiesAndMaskedPaths() {
        Contedor.Result r = contedor.run("run", "--rm", "--", "sh", "-c",
                "grep CapBnd /proc/self/status; cat /proc/kcore | wc -c; (echo x > /proc/sys/kernel/hostname) 2>&1; "
                        + "grep ' /sys ' /proc/self/mountinfo");
        assertEquals(0, r.exitCode(), r.toString());
        // docker's 14 default capabilities: 0x00000000a80425fb
        assertTrue(r.out().contains("CapBnd:\t00000000a80425fb"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.strip().equals("0")), "/proc/kcore is masked: " + r.out());
        assertTrue(r.out().contains("Read-only file system"), "/proc/sys is read-only: " + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains(" /sys ") && l.contains(" ro,")), "/sys is read-only: " + r.out());
    }

    @Test
    void capAddAndDropChangeTheBoundingSet() {
        Contedor.Result r = contedor.run("run", "--rm", "--cap-drop", "ALL", "--cap-add", "NET_ADMIN", "--",
                "sh", "-c", "grep CapBnd /proc/self/status");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("CapBnd:\t0000000000001000"), r.out());
    }

    @Test
    void environmentWorkdirAndUser() {
        Contedor.Result r = contedor.run("run", "--rm", "-e", "GREETING=hola", "-w", "/tmp", "-u", "1000:1000", "--",
                "sh", "-c", "echo $GREETING; pwd; id -u; id -g; grep CapEff /proc/self/status");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("hola", "/tmp", "1000", "1000"), lines.subList(0, 4));
        assertTrue(lines.get(4).endsWith("0000000000000000"), "a non-root user has no effective capabilities: " + lines.get(4));
    }

    @Test
    void etcFilesAreProvided() {
        Contedor.Result r = contedor.run("run", "--rm", "-h", "etc-test", "--", "sh", "-c",
                "cat /etc/hostname; grep -c etc-test /etc/hosts; test -f /etc/resolv.conf && echo resolv");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("etc-test", "1", "resolv"), r.out().lines().toList());
    }
}
