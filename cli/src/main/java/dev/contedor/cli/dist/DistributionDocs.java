package dev.contedor.cli.dist;

import dev.contedor.cli.Main;
import dev.contedor.cli.Version;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Writes the distribution's documents at build time (mvn package runs it with the
 * distribution's folder): a man page for every command and subcommand in
 * {@code share/man/man1}, the bash completion script in
 * {@code share/bash-completion/completions/contedor} (what {@code contedor completion} prints),
 * and the third-party notices in {@code share/doc/contedor}.
 */
public final class DistributionDocs {
    private DistributionDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DistributionDocs DIST (the distribution folder, e.g. cli/target/contedor)");
            System.exit(2);
        }
        Path dist = Path.of(args[0]);
        CommandLine root = Main.commandLine();
        int pages = writeManPages(root.getCommandSpec(), dist.resolve("share/man/man1"));
        Path completion = dist.resolve("share/bash-completion/completions/contedor");
        Files.createDirectories(completion.getParent());
        Files.writeString(completion, AutoComplete.bash("contedor", root), StandardCharsets.UTF_8);
        Path doc = dist.resolve("share/doc/contedor");
        List<String> withoutFiles = ThirdPartyNotices.copy(dist.resolve("lib"), doc.resolve("third-party"));
        Files.writeString(doc.resolve("README"), readme(withoutFiles), StandardCharsets.UTF_8);
        System.out.println("distribution docs: " + pages + " man pages, bash completion, notices of "
                + "third-party jars in " + doc);
    }

    /** Every visible command of the tree, depth first; returns how many pages. */
    static int writeManPages(CommandSpec root, Path folder) throws IOException {
        Files.createDirectories(folder);
        String version = new Version().getVersion()[0];
        int pages = 0;
        Deque<CommandSpec> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            CommandSpec spec = todo.pop();
            ManPage page = new ManPage(spec, version);
            Files.writeString(folder.resolve(page.fileName()), page.troff(), StandardCharsets.UTF_8);
            pages++;
            todo.addAll(ManPage.subcommands(spec));
        }
        return pages;
    }

    private static String readme(List<String> withoutFiles) {
        StringBuilder text = new StringBuilder("""
                contedor: licence notices

                THIRD-PARTY.txt   every third-party jar in lib/ and its licence (from its Maven project)
                third-party/JAR/  the licence and notice files that jar carries
                ../../../runtime/legal/  the notices of the Java runtime's modules (OpenJDK, made by jlink)

                """);
        if (!withoutFiles.isEmpty()) {
            text.append("These jars carry no licence file of their own; THIRD-PARTY.txt names their licence:\n");
            withoutFiles.forEach(j -> text.append("  ").append(j).append('\n'));
        }
        return text.toString();
    }
}
