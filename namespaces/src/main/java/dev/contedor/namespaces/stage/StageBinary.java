package dev.contedor.namespaces.stage;

import dev.contedor.api.error.ContedorException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the native stage binary is: {@code -Dcontedor.stage=PATH}, else
 * {@code $contedor.home/libexec/contedor-stage} (the launcher script sets contedor.home).
 */
final class StageBinary {
    private StageBinary() {
    }

    static Path locate() {
        String explicit = System.getProperty("contedor.stage");
        Path candidate;
        if (explicit != null) {
            candidate = Path.of(explicit);
        } else {
            String home = System.getProperty("contedor.home");
            if (home == null) {
                throw ContedorException.runtime("the native stage is not configured: run contedor through ./contedor, "
                        + "or set -Dcontedor.stage=PATH to namespaces/target/native/contedor-stage");
            }
            candidate = Path.of(home, "libexec", "contedor-stage");
        }
        if (!Files.isExecutable(candidate)) {
            throw ContedorException.runtime("native stage " + candidate + " is missing or not executable: rebuild with "
                    + "'mvn package' (it needs gcc)");
        }
        return candidate;
    }
}
