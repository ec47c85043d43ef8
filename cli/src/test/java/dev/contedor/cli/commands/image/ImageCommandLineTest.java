package dev.contedor.cli.commands.image;

import dev.contedor.cli.CliHarness;
import dev.contedor.cli.CliHarness.Result;
import dev.contedor.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing, validation and help of the image commands; nothing here needs a working store. */
class ImageCommandLineTest {
    @TempDir
    Path tmp;

    @Test
    void imageAloneShowsItsSubcommands() {
        Result r = CliHarness.run("image");
        assertEquals(0, r.exit());
        for (String sub : List.of("import", "ls", "inspect", "rm", "tag", "prune", "bootstrap")) {
            assertTrue(r.out().contains("  " + sub), sub + " missing in:\n" + r.out());
        }
    }

    @Test
    void rootHelpListsImage() {
        Result r = CliHarness.run("--help");
        assertTrue(r.out().contains("image"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"import", "ls", "list", "inspect", "rm", "remove", "tag", "prune", "bootstrap"})
    void everySubcommandHasHelpWithExamples(String sub) {
        for (String flag : List.of("--help", "-h")) {
            Result r = CliHarness.run("image", sub, flag);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("Usage: contedor image "), r.out());
            assertTrue(r.out().contains("Examples:\n  contedor image "), r.out());
        }
    }

    @Test
    void bootstrapDebianHelp() {
        Result r = CliHarness.run("image", "bootstrap", "debian", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: contedor image bootstrap debian "), r.out());
        for (String part : List.of("[--mirror=URL]", "[-t=NAME[:TAG]]", "[--variant=VARIANT]", "[SUITE]")) {
            assertTrue(r.out().contains(part), part + " in " + r.out());
        }
        assertTrue(r.out().contains("Debian archive (default: http://deb.debian."), r.out());
        assertEquals(0, CliHarness.run("image", "bootstrap").exit());
    }

    @Test
    void unknownFormatIsRefused() {
        Result r = CliHarness.run("image", "ls", "--format", "xml");
        assertEquals(125, r.exit());
        assertTrue(r.err().contains("--format xml: use table or json"), r.err());
    }

    @Test
    void quietAndJsonAreRefusedTogether() {
        Result r = CliHarness.run("image", "ls", "-q", "--format", "json");
        assertEquals(125, r.exit());
        assertTrue(r.err().contains("cannot be used together"), r.err());
    }

    @Test
    void unknownOptionExits125() {
        Result r = CliHarness.run("image", "ls", "--bogus");
        assertEquals(125, r.exit());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
    }

    @Test
    void importNeedsAFile() {
        Result r = CliHarness.run("image", "import");
        assertEquals(125, r.exit());
        assertTrue(r.err().contains("Missing required parameter: 'FILE'"), r.err());
    }

    @Test
    void importOfAMissingFileNamesIt() {
        Path missing = tmp.resolve("nope.tar.gz");
        Result r = CliHarness.run("--data-root", tmp.toString(), "image", "import", missing.toString());
        assertEquals(125, r.exit());
        assertEquals("contedor: image import: " + missing + ": no such file or folder\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void importChecksTheNameFirst() throws Exception {
        Path file = Files.writeString(tmp.resolve("x.tar"), "");
        Result r = CliHarness.run("--data-root", tmp.toString(), "image", "import", file.toString(), "Not/Valid");
        assertEquals(125, r.exit());
        assertTrue(r.err().startsWith("contedor: invalid image name \"Not/Valid:latest\""), r.err());
    }

    @Test
    void importFromStdinIsRefused() {
        Result r = CliHarness.run("--data-root", tmp.toString(), "image", "import", "-");
        assertEquals(125, r.exit());
        assertTrue(r.err().contains("standard input is not supported"), r.err());
    }

    @Test
    void rmAndInspectNeedAReference() {
        for (String sub : List.of("rm", "inspect")) {
            Result r = CliHarness.run("image", sub);
            assertEquals(125, r.exit());
            assertTrue(r.err().contains("Missing required parameter: 'REF'"), r.err());
        }
    }

    @Test
    void bootstrapRefusesABadSuiteBeforeAnythingElse() {
        Result r = CliHarness.run("--data-root", tmp.toString(), "image", "bootstrap", "debian", "--weird");
        assertEquals(125, r.exit(), "an option-like suite is an unknown option");
        r = CliHarness.run("--data-root", tmp.toString(), "image", "bootstrap", "debian", "book/worm");
        assertEquals(125, r.exit());
        assertTrue(r.err().startsWith("contedor: bootstrap: invalid suite \"book/worm\""), r.err());
        assertFalse(Files.exists(tmp.resolve("images")), "nothing created");
    }

    @Test
    void bootstrapRefusesBadVariantMirrorAndName() {
        Result variant = CliHarness.run("image", "bootstrap", "debian", "--variant", "fakechroot");
        assertEquals(125, variant.exit());
        assertTrue(variant.err().contains("unknown variant \"fakechroot\": use minbase, buildd, default"), variant.err());
        Result mirror = CliHarness.run("image", "bootstrap", "debian", "--mirror", "ftp://ftp.debian.org/debian");
        assertEquals(125, mirror.exit());
        assertTrue(mirror.err().contains("invalid mirror \"ftp://ftp.debian.org/debian\""), mirror.err());
        Result tag = CliHarness.run("image", "bootstrap", "debian", "--tag", "Debian:12");
        assertEquals(125, tag.exit());
        assertTrue(tag.err().contains("invalid image name \"Debian:12\""), tag.err());
    }

    @Test
    void globalOptionsReachTheImageCommandsWhereverTheyAreGiven() {
        for (List<String> args : List.of(
                List.of("--data-root", "/srv/a", "--debug", "image", "ls"),
                List.of("image", "--data-root", "/srv/a", "--debug", "ls"),
                List.of("image", "ls", "--data-root", "/srv/a", "--debug"))) {
            CommandLine cli = CliHarness.commandLine();
            CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            CommandLine.Model.CommandSpec leaf = parsed.subcommand().subcommand().commandSpec();
            Main main = (Main) leaf.root().userObject();
            assertEquals(Path.of("/srv/a"), main.global().paths().dataRoot(), args.toString());
            assertTrue(ImageCli.global(leaf).debug, args.toString());
        }
    }

    @Test
    void completionOffersTheImageCommands() {
        Result r = CliHarness.run("completion");
        assertEquals(0, r.exit());
        String script = r.out();
        for (String fn : List.of("_picocli_contedor_image()", "_picocli_contedor_image_import()",
                "_picocli_contedor_image_ls()", "_picocli_contedor_image_inspect()", "_picocli_contedor_image_rm()",
                "_picocli_contedor_image_prune()", "_picocli_contedor_image_bootstrap()",
                "_picocli_contedor_image_bootstrap_debian()")) {
            assertTrue(script.contains(fn), fn + " missing");
        }
        assertTrue(script.contains("local commands=\"import ls list inspect rm remove tag prune bootstrap\""), script);
    }

    @Test
    void bashCompletesTheImageCommands() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is missing: apt-get install bash");
        Path script = Files.writeString(tmp.resolve("completion.bash"), CliHarness.run("completion").out());
        assertEquals("import ls list inspect rm remove tag prune bootstrap", complete(script, "contedor", "image", ""));
        assertEquals("debian", complete(script, "contedor", "image", "bootstrap", ""));
        assertEquals("--format", complete(script, "contedor", "image", "ls", "--f"));
        assertEquals("table json", complete(script, "contedor", "image", "ls", "--format", ""));
        assertEquals("minbase buildd default", complete(script, "contedor", "image", "bootstrap", "debian", "--variant", ""));
        assertEquals("--mirror", complete(script, "contedor", "image", "bootstrap", "debian", "--mi"));
    }

    /** What bash offers for the last word, through the generated completion function. */
    private static String complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word).append("'");
        }
        String line = String.join(" ", words);
        String program = "source " + script + " 2>/dev/null\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_contedor 2>/dev/null\n"
                + "echo \"${COMPREPLY[*]}\"\n";
        Process bash = new ProcessBuilder("/bin/bash", "--norc", "--noprofile", "-c", program)
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, bash.waitFor(), out);
        return out;
    }
}
