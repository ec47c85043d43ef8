package com.example.accounting;

import dev.contedor.testkit.RealContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The plugin in a real container, through a contedor distribution: runs as root with
 * {@code -Dcontedor.launcher=/path/to/contedor} (or $CONTEDOR, or contedor on the PATH) after
 * the jar exists ({@code mvn package}, then {@code mvn surefire:test}); skipped otherwise.
 */
class AccountingRealContainerTest {
    @TempDir
    Path tmp;

    @Test
    void theAnnotationReachesThePluginInARealContainer() {
        Path jar = Path.of(System.getProperty("plugin.jar", "target/accounting-plugin-1.0.0.jar"));
        assumeTrue(Files.isRegularFile(jar), "the plugin jar is built by mvn package");
        RealContainer contedor = RealContainer.withPlugin(jar, tmp);
        RealContainer.Result r = contedor.run("run", "--rm", "--annotation", AccountingPlugin.ANNOTATION + "=team-a",
                "--", "cat", "/etc/accounting");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("billed-to: team-a\n", r.out());
        RealContainer.Result plain = contedor.run("run", "--rm", "--", "sh", "-c", "cat /etc/accounting 2>&1; true");
        assertTrue(!plain.out().contains("billed-to"), plain.toString());
    }
}
