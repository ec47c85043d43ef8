package dev.contedor.cli.terminal;

import dev.contedor.api.launch.LaunchedProcess;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.HashMap;
import java.util.Map;

/**
 * Forwards SIGINT, SIGTERM and SIGHUP received by contedor to the container's init, as
 * docker's sig-proxy does, and keeps the JVM from exiting on them while the container runs.
 */
public final class SignalForwarder implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM", "HUP"};

    private final Map<Signal, SignalHandler> previous = new HashMap<>();

    private SignalForwarder(LaunchedProcess process) {
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, s -> process.signal(s.getNumber())));
        }
    }

    public static AutoCloseable attach(LaunchedProcess process) {
        return new SignalForwarder(process);
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
