package dev.contedor.cgroups.realkernel;

import dev.contedor.api.cgroup.DeviceMapping;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.devices.DeviceBpf;
import dev.contedor.cgroups.controller.devices.DeviceProgram;
import dev.contedor.cgroups.controller.devices.DockerDeviceRules;
import dev.contedor.cgroups.CgroupsPlugin;
import dev.contedor.cgroups.driver.HostDriver;
import dev.contedor.cgroups.layout.Hierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eBPF device program on this host's kernel, in a folder of its cgroup2 hierarchy (on the
 * hybrid host the one at /sys/fs/cgroup/unified, which serves no devices controller but runs
 * device programs all the same): the verifier accepts it, it denies what docker's list does
 * not allow, it allows what {@code --device} adds, and it goes with the folder.
 */
class DeviceProgramKernelTest {
    private Path unified;
    private final List<Path> folders = new ArrayList<>();

    @BeforeEach
    void cgroup2() {
        unified = new HostDriver(CgroupsPlugin::builtInControllers).get().layout().unified().map(Hierarchy::mountPoint)
                .orElseThrow(() -> new AssertionError("this host has no cgroup2 hierarchy to attach device programs to"));
    }

    @AfterEach
    void removeFolders() throws IOException {
        for (Path folder : folders.reversed()) {
            Files.deleteIfExists(folder);
        }
    }

    private Path folder() throws IOException {
        Path folder = unified.resolve("contedor-bpf-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        Files.createDirectory(folder);
        folders.add(folder);
        return folder;
    }

    /** Runs {@code script} with sh in {@code folder} (the shell moves itself in first); its output. */
    private static String runIn(Path folder, String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "echo $$ > " + folder.resolve("cgroup.procs") + " && " + script)
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the shell finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** {@code c 1:11} (/dev/kmsg), outside docker's list, made in a folder of the test's own. */
    @TempDir
    Path nodes;

    private String kmsg() throws Exception {
        Path node = nodes.resolve("kmsg");
        Process mknod = new ProcessBuilder("mknod", node.toString(), "c", "1", "11").inheritIO().start();
        assertEquals(0, mknod.waitFor());
        return node.toString();
    }

    /** Opens the node for reading (without reading), then /dev/null; each open's status. */
    private static String openBoth(String node) {
        return "(: < " + node + ") 2>/dev/null && echo kmsg=ok || echo kmsg=denied;"
                + " (: < /dev/null) && echo null=ok || echo null=denied";
    }

    @Test
    void dockersListDeniesKmsgAndAllowsNull() throws Exception {
        String kmsg = kmsg();
        Path folder = folder();
        assertEquals("kmsg=ok\nnull=ok\n", runIn(folder(), openBoth(kmsg)), "without a program root opens it");
        DeviceBpf.attach(DeviceProgram.allowing(DockerDeviceRules.allowed(Resources.NONE)), folder);
        assertEquals("kmsg=denied\nnull=ok\n", runIn(folder, openBoth(kmsg)));
        String error = runIn(folder, ": < " + kmsg + "; true");
        assertTrue(error.contains("Operation not permitted"), error);
    }

    @Test
    void aGivenDeviceIsAllowedWithItsAccessOnly() throws Exception {
        String kmsg = kmsg();
        Path folder = folder();
        Resources withKmsg = limits().device(new DeviceMapping("/dev/kmsg", "/dev/kmsg", 'c', 1, 11, "r", 0644, 0, 0))
                .build();
        DeviceBpf.attach(DeviceProgram.allowing(DockerDeviceRules.allowed(withKmsg)), folder);
        assertEquals("kmsg=ok\nnull=ok\n", runIn(folder, openBoth(kmsg)));
        assertEquals("write=denied\n", runIn(folder, "(: >> " + kmsg + ") 2>/dev/null && echo write=ok || echo write=denied"), "r only: no write");
    }

    /** The per-container cost: a load and an attach, averaged; printed for docs/security.md. */
    @Test
    void loadAndAttachCostLittle() throws Exception {
        byte[] program = DeviceProgram.allowing(DockerDeviceRules.allowed(Resources.NONE));
        DeviceBpf.attach(program, folder()); // jnr-ffi's binding, once per JVM
        int rounds = 20;
        List<Path> targets = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            targets.add(folder());
        }
        long start = System.nanoTime();
        for (Path target : targets) {
            DeviceBpf.attach(program, target);
        }
        double micros = (System.nanoTime() - start) / 1000.0 / rounds;
        System.out.printf("eBPF device program (%d instructions): load + attach %.0f us per container%n",
                program.length / DeviceProgram.INSTRUCTION_SIZE, micros);
        assertTrue(micros < 20_000, "load + attach took " + micros + " us");
    }
}
