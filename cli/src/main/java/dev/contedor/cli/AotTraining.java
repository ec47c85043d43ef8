package dev.contedor.cli;

import dev.contedor.rootfs.builtin.BuiltinRootfs;
import dev.contedor.rootfs.image.ImageConfig;
import dev.contedor.rootfs.image.ImageReference;
import dev.contedor.rootfs.image.ImageStore;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The training run the build records the AOT cache from: the classes and paths a real
 * {@code run} takes (option parsing, Guice, plugin discovery, planning, and, when the build
 * runs as root, a real container with the built-in root filesystem in a temporary data
 * folder: the stage spawn, the control socket, the state store; then the built-in root
 * imported as an image, listed, inspected and run, for the image store's JSON). Without root
 * only the planning part is trained, and the cache still helps.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Path scratch = Files.createTempDirectory("contedor-aot-training");
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            String root = "--root=" + scratch.resolve("state");
            String data = "--data-root=" + scratch.resolve("data");
            for (int i = 0; i < 3; i++) {
                Main.execute(root, data, "run", "--explain", "--rm", "-i", "-t", "--hostname", "training", "-e", "A=B",
                        "--", "sh", "-c", "true");
                Main.execute("run", "--help");
                Main.execute("--version");
                Main.execute(root, data, "run", "--rm", "--", "true");
            }
            Path builtin = scratch.resolve("data/rootfs/" + BuiltinRootfs.forThisProcess().folderName());
            if (Files.isDirectory(builtin)) {
                new ImageStore(scratch.resolve("data")).importDirectory(builtin, ImageConfig.empty(),
                        Optional.of(ImageReference.parse("training")));
                for (int i = 0; i < 3; i++) {
                    Main.execute(root, data, "run", "--rm", "training", "--", "true");
                    Main.execute(root, data, "image", "ls");
                    Main.execute(root, data, "image", "inspect", "training");
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            delete(scratch);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
