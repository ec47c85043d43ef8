package dev.contedor.rootfs.builtin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host program to completion and returns what it printed; used for ldd and busybox. */
final class HostCommand {
    private static final long TIMEOUT_SECONDS = 30;

    /** @param exitCode the program's exit status; output is stdout and stderr merged */
    record Result(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private HostCommand() {
    }

    static Result run(String... command) throws IOException {
        // Output goes to a file so that the timeout holds even if the program never closes it.
        Path output = Files.createTempFile("contedor-host-command-", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + ": did not finish in " + TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(String.join(" ", command) + ": interrupted", e);
            }
            // Lenient decoding: a file name in ldd output need not be UTF-8.
            return new Result(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
