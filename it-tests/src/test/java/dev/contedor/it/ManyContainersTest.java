package dev.contedor.it;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.rootfs.RootfsSource;
import dev.contedor.runtime.Engine;
import dev.contedor.runtime.lifecycle.RunContainer;
import dev.contedor.runtime.lifecycle.RunOutcome;
import dev.contedor.runtime.spec.ResourceFlags;
import dev.contedor.runtime.spec.RunRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hundreds of containers with limits, one after another through the engine (as a long-lived
 * caller would use it): every one gets its cgroups and gives them all back.
 */
class ManyContainersTest extends EndToEndTest {
    private static final int RUNS = 500;

    @Test
    @Timeout(300)
    void fiveHundredRunsWithLimitsLeaveNoCgroupFolderNorState() throws IOException {
        System.setProperty("contedor.stage", Contedor.LAUNCHER.getParent()
                .resolve("cli/target/contedor/libexec/contedor-stage").toString());
        String parent = "contedor-it-many-" + UUID.randomUUID().toString().substring(0, 8);
        Engine engine = Engine.start(new RuntimePaths(contedor.stateRoot(), Contedor.DATA, contedor.plugins()));
        RunContainer run = engine.run();
        ResourceFlags limits = new ResourceFlags(Optional.of("32m"), Optional.empty(), Optional.empty(),
                Optional.of("0.5"), Optional.of("512"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("20"), Optional.empty(), List.of(), List.of(), List.of(), List.of());
        RunRequest request = RunRequest.builder(new RootfsSource.Builtin()).command(List.of("/bin/true"))
                .resources(limits).cgroupParent(Optional.of(parent)).build();
        for (int i = 0; i < RUNS; i++) {
            ContainerSpec spec = run.prepare(request);
            RunOutcome outcome = run.run(spec, p -> () -> { });
            assertEquals(0, outcome.exit().exitCode(), "run " + i + ": " + outcome);
        }
        try (Stream<Path> walk = Files.walk(Path.of("/sys/fs/cgroup"), 3)) {
            List<Path> left = walk.filter(p -> p.toString().contains(parent)).toList();
            assertEquals(List.of(), left, "cgroup folders left after " + RUNS + " containers");
        }
        try (Stream<Path> s = Files.list(contedor.stateRoot())) {
            assertTrue(s.findAny().isEmpty(), "state left in " + contedor.stateRoot());
        }
    }
}
