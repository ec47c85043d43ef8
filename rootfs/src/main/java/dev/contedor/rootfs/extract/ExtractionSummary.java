package dev.contedor.rootfs.extract;

import java.util.List;

/**
 * What an extraction did.
 *
 * @param entries  entries read from the archive
 * @param warnings entries skipped or attributes not applied, one line each, naming the entry
 */
public record ExtractionSummary(long entries, List<String> warnings) {
    public ExtractionSummary {
        warnings = List.copyOf(warnings);
    }
}
