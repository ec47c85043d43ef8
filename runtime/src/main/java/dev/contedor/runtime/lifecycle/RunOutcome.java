package dev.contedor.runtime.lifecycle;

import dev.contedor.api.launch.ExitStatus;

import java.util.List;

/**
 * How a container run ended, and what the isolators know about why (e.g. "the container was
 * killed for memory"), for the user.
 */
public record RunOutcome(ExitStatus exit, List<String> notes) {
    public RunOutcome {
        notes = List.copyOf(notes);
    }
}
