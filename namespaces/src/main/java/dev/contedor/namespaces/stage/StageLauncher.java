package dev.contedor.namespaces.stage;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.LaunchedProcess;
import dev.contedor.api.launch.Launcher;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Starts containers through the native stage: spawns it with the standard streams
 * inherited, hands it the plan over a unix socket (in a private temporary folder, removed
 * once the stage has connected), and
 * returns once the child is cloned and waiting.
 */
public final class StageLauncher implements Launcher {
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final Path SOCKET_DIR = Path.of(System.getProperty("java.io.tmpdir"));

    @Override
    public String name() {
        return "native";
    }

    @Override
    public LaunchedProcess launch(LaunchPlan plan, Path stateDir) {
        byte[] encoded = PlanEncoder.encode(plan);
        Process stage = null;
        ControlChannel control = null;
        Path socketDir = null;
        Path socketPath = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            // a short private folder: socket paths are limited to 107 bytes, state folders can be longer
            socketDir = Files.createTempDirectory(SOCKET_DIR, "ctd",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            socketPath = socketDir.resolve("s");
            server.bind(UnixDomainSocketAddress.of(socketPath));
            stage = new ProcessBuilder(StageBinary.locate().toString(), socketPath.toString()).inheritIO().start();
            control = new ControlChannel(accept(server, stage));
            Files.deleteIfExists(socketPath);
            Files.deleteIfExists(socketDir);
            control.send(WireFormat.Message.PLAN, encoded);
            ControlChannel.Message reply = control.receive();
            if (reply == null || !reply.is(WireFormat.Message.PID)) {
                throw ContedorException.runtime("the native stage could not start the container (exit code "
                        + stage.waitFor() + ")");
            }
            long pid = reply.payload().order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            return new StageProcess(plan, stage, control, pid);
        } catch (IOException e) {
            cleanup(stage, control);
            throw ContedorException.runtime("native stage: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanup(stage, control);
            throw ContedorException.runtime("interrupted while starting the container", e);
        } catch (RuntimeException e) {
            cleanup(stage, control);
            throw e;
        } finally {
            try {
                if (socketPath != null) {
                    Files.deleteIfExists(socketPath);
                }
                if (socketDir != null) {
                    Files.deleteIfExists(socketDir);
                }
            } catch (IOException ignored) {
                // a leftover empty folder in /tmp is harmless
            }
        }
    }

    private static SocketChannel accept(ServerSocketChannel server, Process stage) throws IOException, InterruptedException {
        server.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            long deadline = System.nanoTime() + CONNECT_TIMEOUT_MS * 1_000_000;
            while (System.nanoTime() < deadline) {
                selector.select(20);
                SocketChannel channel = server.accept();
                if (channel != null) {
                    channel.configureBlocking(true);
                    return channel;
                }
                if (!stage.isAlive()) {
                    throw ContedorException.runtime("the native stage exited with code " + stage.waitFor()
                            + " before it connected");
                }
            }
        }
        throw ContedorException.runtime("the native stage did not connect within " + CONNECT_TIMEOUT_MS + " ms");
    }

    private static void cleanup(Process stage, ControlChannel control) {
        if (control != null) {
            control.close();
        }
        if (stage != null) {
            stage.destroyForcibly();
        }
    }
}
