package dev.contedor.api.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One explicit step of removing what a container holds on the host (its cgroup folders, its
 * own layer, its state folder) after its end. The runtime does this itself; it also hands
 * the launcher the same steps, in order, so that when the runtime dies first (SIGKILL, the
 * OOM killer) the launcher carries them out once the container is dead and nothing is left
 * behind. Every decision (what to write, what to kill, how long to retry) is made here, in
 * Java, by whoever owns the thing; the launcher only executes. Steps are best effort: a
 * failed step is reported and the next one runs.
 */
public sealed interface Leftover {
    /** An absolute host path, below a folder. */
    Path path();

    /** One line for {@code --explain}. */
    String describe();

    /** Write {@code value} to an existing file (e.g. {@code THAWED} to a v1 {@code freezer.state}, {@code 1} to {@code cgroup.kill}). */
    record WriteFile(Path path, String value) implements Leftover {
        public WriteFile {
            check(path);
            Objects.requireNonNull(value, "value");
        }

        public String describe() {
            return "write " + value + " to " + path;
        }
    }

    /** SIGKILL every pid listed in a file, one per line (a cgroup's {@code cgroup.procs}). */
    record KillListed(Path path) implements Leftover {
        public KillListed {
            check(path);
        }

        public String describe() {
            return "kill every process listed in " + path;
        }
    }

    /**
     * Remove a folder ({@code rmdir}); while the kernel answers EBUSY (killed processes take a
     * moment to leave a cgroup), try again up to {@code attempts} times, {@code interval} apart,
     * killing the pids listed in {@code killWhileBusy} before each retry.
     */
    record RemoveFolder(Path path, int attempts, Duration interval, Optional<Path> killWhileBusy) implements Leftover {
        public RemoveFolder {
            check(path);
            Objects.requireNonNull(killWhileBusy, "killWhileBusy");
            killWhileBusy.ifPresent(Leftover::check);
            if (attempts < 1 || interval.isNegative() || interval.toMillis() > 60_000) {
                throw new IllegalArgumentException("remove " + path + ": at least one attempt, an interval of 0 to 60 s");
            }
        }

        public String describe() {
            return "rmdir " + path + (attempts > 1 ? " (retried up to " + attempts + " times, " + interval.toMillis()
                    + " ms apart, while busy" + killWhileBusy.map(k -> ", killing what " + k + " lists").orElse("") + ")" : "");
        }
    }

    /** Remove a folder others may share (a cgroup parent) only if it is empty. */
    record RemoveFolderIfEmpty(Path path) implements Leftover {
        public RemoveFolderIfEmpty {
            check(path);
        }

        public String describe() {
            return "rmdir " + path + " if empty";
        }
    }

    /** Remove a folder and everything in it, depth first, never following a link or crossing into another mount. */
    record RemoveTree(Path path) implements Leftover {
        public RemoveTree {
            check(path);
        }

        public String describe() {
            return "rm -r " + path + " (not crossing mounts)";
        }
    }

    private static void check(Path path) {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute() || path.getNameCount() < 2) {
            throw new IllegalArgumentException("a leftover must be an absolute path below a folder: " + path);
        }
    }
}
