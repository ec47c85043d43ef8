package dev.contedor.namespaces.stage;

import dev.contedor.api.launch.Leftover;
import java.util.List;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.launch.ExitStatus;
import dev.contedor.api.launch.LaunchFailedException;
import dev.contedor.api.launch.LaunchOp;
import dev.contedor.api.launch.LaunchPlan;
import dev.contedor.api.launch.LaunchedProcess;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A container init started by the native stage, driven over the control channel. */
final class StageProcess implements LaunchedProcess {
    private final LaunchPlan plan;
    private final Process stage;
    private final ControlChannel control;
    private final long pid;
    private ExitStatus exit;

    StageProcess(LaunchPlan plan, Process stage, ControlChannel control, long pid) {
        this.plan = plan;
        this.stage = stage;
        this.control = control;
        this.pid = pid;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public void proceed() {
        try {
            control.send(WireFormat.Message.GO, new byte[0]);
            ControlChannel.Message reply = control.receive();
            if (reply != null && reply.is(WireFormat.Message.EXECUTED)) {
                return;
            }
            if (reply != null && reply.is(WireFormat.Message.FAILED)) {
                throw failure(reply.payload());
            }
            throw ContedorException.runtime("the native stage ended before the container started (exit code "
                    + stage.waitFor() + ")");
        } catch (IOException e) {
            throw ContedorException.runtime("native stage: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ContedorException.runtime("interrupted while starting the container", e);
        }
    }

    private LaunchFailedException failure(ByteBuffer payload) {
        payload.order(ByteOrder.LITTLE_ENDIAN);
        int index = payload.getInt(0);
        int errno = payload.getInt(4);
        byte[] text = new byte[payload.limit() - 8];
        payload.get(8, text);
        LaunchOp op = index < plan.ops().size() ? plan.ops().get(index) : plan.ops().getLast();
        return new LaunchFailedException(op, errno, new String(text, StandardCharsets.UTF_8));
    }

    /** Sent as explicit steps ({@link PlanEncoder#encodeLeftovers}); the stage runs them only if the runtime dies first. */
    @Override
    public void removeIfOrphaned(List<Leftover> leftovers) {
        try {
            control.send(WireFormat.Message.LEFTOVERS, PlanEncoder.encodeLeftovers(leftovers));
        } catch (IOException e) {
            throw ContedorException.runtime("native stage: " + e.getMessage(), e);
        }
    }

    @Override
    public void signal(int signal) {
        ByteBuffer payload = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(signal);
        try {
            control.send(WireFormat.Message.SIGNAL, payload.array());
        } catch (IOException ignored) {
            // the stage is gone, so is the container: nothing to forward to
        }
    }

    @Override
    public synchronized ExitStatus waitFor() {
        if (exit != null) {
            return exit;
        }
        try {
            ControlChannel.Message message;
            while ((message = control.receive()) != null) {
                if (message.is(WireFormat.Message.EXITED)) {
                    ByteBuffer p = message.payload().order(ByteOrder.LITTLE_ENDIAN);
                    exit = new ExitStatus(p.getInt(0), p.getInt(4));
                    stage.waitFor();
                    return exit;
                }
            }
            int code = stage.waitFor();
            exit = ExitStatus.exited(code);
            return exit;
        } catch (IOException e) {
            throw ContedorException.runtime("lost the native stage: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ContedorException.runtime("interrupted while waiting for the container", e);
        }
    }

    @Override
    public void close() {
        control.close();
        try {
            // after a failed or aborted launch the stage kills the child on EOF and exits
            if (!stage.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                stage.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stage.destroyForcibly();
        }
    }
}
