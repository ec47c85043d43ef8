package dev.contedor.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The training run the build records the AOT cache from: the classes and paths a real
 * {@code run} takes (option parsing, Guice, plugin discovery, planning), without starting
 * a container, so that it needs neither root nor a kernel feature.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (int i = 0; i < 3; i++) {
                Main.execute("run", "--explain", "--rm", "-i", "-t", "--hostname", "training", "-e", "A=B",
                        "--data-root", "/nonexistent/contedor-training", "--", "sh", "-c", "true");
                Main.execute("run", "--help");
            }
        } finally {
            System.setOut(out);
        }
    }
}
