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

/**
 * Starts containers through the native stage: spawns it with the standard streams
 * inherited, hands it the plan over a unix socket in the container's state folder, and
 * returns once the child is cloned and waiting.
 */
public final class StageLauncher implements Launcher {
    private static final long CONNECT_TIMEOUT_MS = 10_000;

    @Override
    public String name() {
        return "native";
    }

    @Override
    public LaunchedProcess launch(LaunchPlan plan, Path stateDir) {
        byte[] encoded = PlanEncoder.encode(plan);
        Path socketPath = stateDir.resolve("stage.sock");
        Process stage = null;
        ControlChannel control = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            Files.deleteIfExists(socketPath);
            server.bind(UnixDomainSocketAddress.of(socketPath));
            stage = new ProcessBuilder(StageBinary.locate().toString(), socketPath.toString()).inheritIO().start();
            control = new ControlChannel(accept(server, stage));
            Files.deleteIfExists(socketPath);
            control.send(ControlChannel.PLAN, encoded);
            ControlChannel.Message reply = control.receive();
            if (reply == null || reply.type() != ControlChannel.PID) {
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
                Files.deleteIfExists(socketPath);
            } catch (IOException ignored) {
                // the state folder is removed with the container anyway
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
