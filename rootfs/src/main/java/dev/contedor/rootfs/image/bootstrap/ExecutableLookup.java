package dev.contedor.rootfs.image.bootstrap;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a program by name, as a shell does with {@code PATH}. */
@FunctionalInterface
public interface ExecutableLookup {

    /** The program's path, when an executable regular file of that name is found. */
    Optional<Path> find(String name);

    /**
     * Looks in the folders of a {@code PATH}-style list ({@code /usr/bin:/bin}); empty entries
     * and relative folders are skipped (a relative one would depend on the working directory).
     */
    static ExecutableLookup onPath(String pathVariable) {
        String folders = pathVariable == null ? "" : pathVariable;
        return name -> {
            for (String folder : folders.split(":")) {
                if (folder.isEmpty() || !folder.startsWith("/")) {
                    continue;
                }
                try {
                    Path candidate = Path.of(folder, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                } catch (InvalidPathException e) {
                    // a folder name the platform cannot represent holds nothing we can run
                }
            }
            return Optional.empty();
        };
    }

    /**
     * This process's {@code PATH}, then the sbin folders, where Debian puts debootstrap and
     * which a non-login root shell may not have on its {@code PATH}.
     */
    static ExecutableLookup system() {
        String path = System.getenv("PATH");
        return onPath((path == null ? "" : path) + ":/usr/local/sbin:/usr/sbin:/sbin");
    }
}
