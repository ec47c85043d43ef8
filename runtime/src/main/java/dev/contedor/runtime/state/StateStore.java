package dev.contedor.runtime.state;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.error.ContedorException;
import dev.contedor.api.state.ContainerState;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One folder per container under the state root, holding {@code state.json}. Writes go to
 * a temporary file renamed over the old one, under an exclusive lock on {@code .lock}, so a
 * reader never sees half a state and concurrent commands never interleave.
 */
public final class StateStore {
    private static final String STATE = "state.json";
    private static final String LOCK = ".lock";

    private final RuntimePaths paths;

    public StateStore(RuntimePaths paths) {
        this.paths = paths;
    }

    /** Creates the container's folder; fails if the id is taken. */
    public Path create(String id) {
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
            throw ContedorException.runtime("container id " + id + ": use letters, digits, '_', '.' and '-' (at most 128)");
        }
        Path dir = paths.containerDir(id);
        try {
            Files.createDirectories(paths.stateRoot(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return dir;
        } catch (FileAlreadyExistsException e) {
            throw ContedorException.runtime("container " + id + " already exists in " + paths.stateRoot());
        } catch (IOException e) {
            throw ContedorException.runtime("cannot create the state folder " + dir + ": " + e.getMessage()
                    + " (is contedor running as root? is --root writable?)", e);
        }
    }

    public void save(ContainerState state) {
        Path dir = paths.containerDir(state.id());
        Path tmp = dir.resolve(STATE + ".tmp");
        try (FileChannel lockFile = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            Files.writeString(tmp, StateJson.write(state), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the state folder does not support atomic renames", e);
            }
        } catch (IOException e) {
            throw ContedorException.runtime("cannot write the state of container " + state.id() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the container's folder and everything in it. Idempotent. */
    public void delete(String id) {
        Path dir = paths.containerDir(id);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw ContedorException.runtime("cannot remove the state folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
