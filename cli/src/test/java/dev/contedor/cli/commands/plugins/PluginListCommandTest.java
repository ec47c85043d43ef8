package dev.contedor.cli.commands.plugins;

import dev.contedor.runtime.plugins.PluginReport;
import dev.contedor.runtime.plugins.PluginSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginListCommandTest {
    private final List<PluginReport> reports = List.of(
            new PluginReport("namespaces", Optional.of("0.1.0"), new PluginSource.BuiltIn(), Optional.of("1.0"),
                    PluginReport.Status.ENABLED, List.of("isolator uts", "launcher native"), Optional.empty()),
            new PluginReport("old", Optional.empty(), new PluginSource.External(Path.of("/p/old.jar")), Optional.of("0.9"),
                    PluginReport.Status.REFUSED, List.of(), Optional.of("built for SPI 0.9, but this contedor provides SPI 1.0")));

    @Test
    void theTableHasAColumnPerFieldAndTheReasonBelowARefusedPlugin() {
        assertEquals("""
                NAME         VERSION   STATUS    SPI   SOURCE       CONTRIBUTES
                namespaces   0.1.0     enabled   1.0   built-in     isolator uts, launcher native
                old          -         refused   0.9   /p/old.jar   -
                  refused: built for SPI 0.9, but this contedor provides SPI 1.0
                """, PluginListCommand.table(reports));
    }

    @Test
    void jsonHasOneObjectPerPlugin() {
        String json = PluginListCommand.json(reports);
        assertTrue(json.startsWith("[ {"), json);
        assertTrue(json.contains("\"Name\" : \"old\"") && json.contains("\"Enabled\" : false") && json.contains("\"BuiltIn\" : true"), json);
        assertTrue(json.contains("\"Reason\" : \"built for SPI 0.9, but this contedor provides SPI 1.0\""), json);
    }
}
