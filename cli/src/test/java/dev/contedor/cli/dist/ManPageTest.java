package dev.contedor.cli.dist;

import dev.contedor.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManPageTest {
    private static CommandSpec command(String... path) {
        CommandSpec spec = Main.commandLine().getCommandSpec();
        for (String name : path) {
            spec = spec.subcommands().get(name).getCommandSpec();
        }
        return spec;
    }

    @Test
    void everyCommandAndSubcommandGetsAPage(@TempDir Path folder) throws IOException {
        int pages = DistributionDocs.writeManPages(Main.commandLine().getCommandSpec(), folder);
        List<String> names;
        try (Stream<Path> s = Files.list(folder)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(pages, names.size());
        for (String expected : List.of("contedor.1", "contedor-run.1", "contedor-completion.1", "contedor-image.1",
                "contedor-image-ls.1", "contedor-image-import.1", "contedor-image-bootstrap-debian.1")) {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
    }

    @Test
    void aPageSaysWhatHelpSays() {
        String page = new ManPage(command("run"), "contedor 1.2.3").troff();
        assertTrue(page.startsWith(".TH \"CONTEDOR\\-RUN\" 1 \"\" \"contedor 1.2.3\""), page);
        assertTrue(page.contains(".SH NAME\ncontedor\\-run \\- Run a command in a new container, in the foreground.\n"), page);
        assertTrue(page.contains("\\fB\\-m\\fR, \\fB\\-\\-memory\\fR=\\fISIZE\\fR"), page);
        assertTrue(page.contains(".SH EXAMPLES\n.nf\n"), page);
        assertTrue(page.contains("\\fBcontedor\\fR(1)"), page);
        // the global options are on contedor(1), not repeated on every page
        assertFalse(page.contains("\\fB\\-\\-data\\-root\\fR=\\fIDIR\\fR"), page);
        assertTrue(new ManPage(command(), "v").troff().contains("\\fB\\-\\-data\\-root\\fR=\\fIDIR\\fR"));
    }

    @Test
    void textIsEscapedForTroff() {
        assertEquals("\\&.hidden", ManPage.escapeLine(".hidden"));
        assertEquals("\\&'quoted'", ManPage.escapeLine("'quoted'"));
        assertEquals("a\\ee \\-\\-x", ManPage.escapeLine("a\\e --x"));
    }
}
