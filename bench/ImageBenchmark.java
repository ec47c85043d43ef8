import dev.contedor.api.RuntimePaths;
import dev.contedor.api.launch.ExitStatus;
import dev.contedor.api.rootfs.RootfsSource;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.runtime.Engine;
import dev.contedor.runtime.lifecycle.RunContainer;
import dev.contedor.runtime.spec.RunRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Containers from an image against containers from a plain folder, in one warm JVM:
 * <ol>
 *   <li>start cost: N runs of /bin/true from each, interleaved, medians and their ratio;</li>
 *   <li>density: C containers from the image alive at once, each writing a file; the disk
 *       their layers take (du of DATA/containers) and the drop in free space, while they run.</li>
 * </ol>
 * Run by bench/images.sh:
 *   java -cp cli/target/contedor/lib/contedor-cli.jar -Dcontedor.home=cli/target/contedor \
 *       @cli/target/contedor/lib/jvm.args bench/ImageBenchmark.java STATE DATA FOLDER IMAGE [N] [C]
 */
public final class ImageBenchmark {
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        Path data = Path.of(args[1]);
        Path folder = Path.of(args[2]).toAbsolutePath();
        String image = args[3];
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        int concurrent = args.length > 5 ? Integer.parseInt(args[5]) : 200;
        Engine engine = Engine.start(new RuntimePaths(state, data, state.resolve("plugins")));
        RunContainer run = engine.run();
        RunRequest fromFolder = request(new RootfsSource.Folder(folder), List.of("/bin/true"));
        RunRequest fromImage = request(new RootfsSource.Image(image), List.of("/bin/true"));
        for (int i = 0; i < 10; i++) {
            once(run, fromFolder);
            once(run, fromImage);
        }
        List<Double> folderMs = new ArrayList<>();
        List<Double> imageMs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            folderMs.add(once(run, fromFolder));
            imageMs.add(once(run, fromImage));
        }
        double f = median(folderMs);
        double im = median(imageMs);
        System.out.printf("start, %d runs each: folder median %.2f ms (p90 %.2f), image median %.2f ms (p90 %.2f), "
                + "image/folder %.2f%n", n, f, p90(folderMs), im, p90(imageMs), im / f);

        density(run, data, image, concurrent);
    }

    private static void density(RunContainer run, Path data, String image, int count) throws Exception {
        Path layers = data.resolve("containers");
        long freeBefore = Files.getFileStore(data).getUsableSpace();
        CountDownLatch started = new CountDownLatch(count);
        // each writes a small file, then stays alive long enough for all of them to be measured together
        RunRequest request = request(new RootfsSource.Image(image),
                List.of("sh", "-c", "echo $HOSTNAME > /etc/who-am-i; sleep 45"));
        ExecutorService pool = Executors.newFixedThreadPool(count);
        List<Future<ExitStatus>> exits = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            exits.add(pool.submit(() -> {
                ContainerSpec spec = run.prepare(request);
                return run.run(spec, process -> {
                    started.countDown();
                    return () -> { };
                }).exit();
            }));
        }
        if (!started.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (count - started.getCount()) + " of " + count + " started");
        }
        double startAll = (System.nanoTime() - t0) / 1e6;
        Thread.sleep(1000); // let every init write its file
        long kib = duKib(layers);
        long freeDuring = Files.getFileStore(data).getUsableSpace();
        System.out.printf("density: %d containers from %s started in %.0f ms; their layers take %d KiB on disk "
                + "(du -sk %s), %.1f KiB each; free space dropped by %.1f MiB%n", count, image, startAll, kib,
                layers, kib / (double) count, (freeBefore - freeDuring) / 1048576.0);
        for (Future<ExitStatus> exit : exits) {
            exit.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        try (var left = Files.list(layers)) {
            long remaining = left.filter(p -> !p.getFileName().toString().equals(".mountpoint")).count();
            System.out.printf("after they ended: %d container layers left (besides the shared mount point)%n", remaining);
        }
    }

    private static long duKib(Path folder) throws Exception {
        Process p = new ProcessBuilder("du", "-sk", folder.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static RunRequest request(RootfsSource source, List<String> command) {
        return RunRequest.builder(source).command(command).build();
    }

    private static double once(RunContainer run, RunRequest request) {
        long t0 = System.nanoTime();
        ContainerSpec spec = run.prepare(request);
        ExitStatus exit = run.run(spec, p -> () -> { }).exit();
        if (exit.exitCode() != 0) {
            throw new IllegalStateException("/bin/true exited " + exit.exitCode());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static double p90(List<Double> values) {
        return values.stream().sorted().toList().get((int) (values.size() * 0.9));
    }
}
