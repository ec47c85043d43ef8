package dev.contedor.cli.commands.image;

import dev.contedor.api.error.ContedorException;
import dev.contedor.cli.GlobalOptions;
import dev.contedor.cli.Main;
import dev.contedor.rootfs.image.ImageStore;
import dev.contedor.runtime.lifecycle.HostPrivileges;
import dev.contedor.runtime.state.PrivateFolders;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** What the image commands share: the global options, the store, the root check, error lines. */
final class ImageCli {
    private ImageCli() {
    }

    /** The options given before (or, being inherited, after) the command names. */
    static GlobalOptions global(CommandSpec spec) {
        return ((Main) spec.root().userObject()).global();
    }

    /** The image store in the data folder ({@code --data-root}, default /var/lib/contedor). */
    static ImageStore store(CommandSpec spec) {
        PrivateFolders.secure(global(spec).paths());
        return new ImageStore(global(spec).paths().dataRoot());
    }

    /** Commands that write the store run as root; {@code contedor image import} etc. name themselves. */
    static void requireRoot(CommandSpec spec) {
        HostPrivileges.requireRoot(spec.qualifiedName().replaceFirst("^contedor ", ""),
                "it writes the image store, keeping files' owners and device nodes");
    }

    /**
     * One failure among several (rm and inspect go on with the next name): a line on stderr
     * as ErrorReporter writes it, with the stack trace under {@code --debug}.
     */
    static void report(CommandSpec spec, ContedorException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("contedor: " + e.getMessage());
        if (global(spec).debug) {
            e.printStackTrace(err);
        }
        err.flush();
    }
}
