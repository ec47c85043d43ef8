package dev.contedor.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What every end-to-end test shares: a contedor with a state folder of the test's own, and
 * the check that the test left nothing behind (mounts, processes, state).
 */
abstract class EndToEndTest {
    @TempDir
    Path work;
    Contedor contedor;
    private LeakCheck leaks;

    @BeforeEach
    void startClean() {
        contedor = new Contedor(work);
        leaks = LeakCheck.begin();
    }

    @AfterEach
    void leaveNothingBehind() throws IOException {
        leaks.assertNothingLeft(contedor);
    }
}
