import dev.contedor.api.RuntimePaths;
import dev.contedor.api.launch.ExitStatus;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.rootfs.RootfsSource;
import dev.contedor.runtime.Engine;
import dev.contedor.runtime.lifecycle.RunContainer;
import dev.contedor.runtime.spec.RunRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's own cost per container, inside one warm JVM: from the request to the
 * container's exit (spec, plan, spawn of the native stage, clone, mounts, pivot_root,
 * exec of /bin/true, exit, cleanup). Run by bench/startup.sh:
 *   java -cp cli/target/contedor/lib/contedor-cli.jar -Dcontedor.home=cli/target/contedor \
 *       @cli/target/contedor/lib/jvm.args bench/EngineBenchmark.java ROOTFS [N] [STATE_DIR]
 */
public final class EngineBenchmark {
    public static void main(String[] args) throws Exception {
        Path rootfs = Path.of(args[0]).toAbsolutePath();
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path state = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("contedor-engine-bench");
        Engine engine = Engine.start(new RuntimePaths(state.resolve("state"), state.resolve("data"), state.resolve("plugins")));
        RunContainer run = engine.run();
        RunRequest request = RunRequest.builder(new RootfsSource.Folder(rootfs)).command(List.of("/bin/true")).build();
        for (int i = 0; i < 10; i++) {
            once(run, request);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            once(run, request);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        List<Double> sorted = ms.stream().sorted().toList();
        System.out.printf("engine %d containers: median %.2f ms, p90 %.2f ms, min %.2f ms%n", n,
                sorted.get(n / 2), sorted.get((int) (n * 0.9)), sorted.get(0));
        for (double v : ms) {
            System.err.printf("%.3f%n", v);
        }
    }

    private static void once(RunContainer run, RunRequest request) {
        ContainerSpec spec = run.prepare(request);
        ExitStatus exit = run.run(spec, p -> () -> { }).exit();
        if (exit.exitCode() != 0) {
            throw new IllegalStateException("/bin/true exited " + exit.exitCode());
        }
    }
}
