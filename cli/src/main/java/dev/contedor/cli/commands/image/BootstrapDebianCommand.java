package dev.contedor.cli.commands.image;

import dev.contedor.cli.terminal.ProgressBar;
import dev.contedor.rootfs.image.Image;
import dev.contedor.rootfs.image.bootstrap.DebianBootstrap;
import dev.contedor.rootfs.image.bootstrap.ExecutableLookup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code contedor image bootstrap debian [SUITE]}: a Debian image made by debootstrap. */
@Command(name = "debian", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Build a Debian image with debootstrap.",
                "Needs debootstrap (apt-get install debootstrap); takes a few minutes: it downloads and installs "
                        + "the base packages. Prints the new image's id (sha256:...).",
                "The image runs /bin/bash by default, with Debian's PATH. debootstrap's output is shown on a "
                        + "terminal; otherwise its last lines are shown if it fails."},
        footer = {"", "Examples:",
                "  contedor image bootstrap debian",
                "  contedor image bootstrap debian trixie --tag debian:13",
                "  contedor image bootstrap debian --mirror http://ftp.de.debian.org/debian --variant buildd"})
public final class BootstrapDebianCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE",
            description = "Suite or codename: bookworm (default), trixie, stable, sid ...")
    String suite;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "Debian archive (default: " + DebianBootstrap.DEFAULT_MIRROR + ").")
    String mirror;

    @Option(names = "--variant", paramLabel = "VARIANT", completionCandidates = Variants.class,
            description = "minbase (default: essential packages and apt), buildd (adds build-essential) "
                    + "or default (debootstrap's own default: required and important packages).")
    String variant;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Image name (default: debian:SUITE).")
    String tag;

    @Override
    public Integer call() {
        DebianBootstrap.Request request = DebianBootstrap.Request.of(suite, variant, mirror, tag);
        ImageCli.requireRoot(spec);
        Optional<PrintStream> live = ProgressBar.interactive() ? Optional.of(System.err) : Optional.empty();
        DebianBootstrap bootstrap = new DebianBootstrap(ImageCli.store(spec),
                ExecutableLookup.system(), live);
        Image image = bootstrap.bootstrap(request);
        spec.commandLine().getOut().println("sha256:" + image.id());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** What shell completion offers after --variant. */
    static final class Variants implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return DebianBootstrap.VARIANTS.iterator();
        }
    }
}
