package dev.contedor.api.compat;

import dev.contedor.api.plugin.SpiVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The API against the baseline committed in {@code api/api-baseline.txt}: a plugin built for
 * that baseline must still load. Any difference fails the build, and says whether it is
 * compatible (additions: regenerate the baseline) or not (a removal or change, or an abstract
 * method added to an interface: the SPI's major version must change first). Regenerate with
 * <pre>mvn -pl api test -Dapi.baseline.update=true</pre>
 * which refuses an incompatible change while the major version is still the baseline's.
 */
class ApiBaselineTest {
    private static final String VERSION_LINE = "# SPI version ";

    @Test
    void theApiMatchesTheCommittedBaselineOrChangesTheSpiVersion() throws IOException, URISyntaxException {
        Path baselineFile = Path.of(System.getProperty("api.baseline", "api-baseline.txt"));
        Path classes = Path.of(SpiVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> current = ApiSignature.of(classes, SpiVersion.class.getClassLoader());
        boolean update = Boolean.getBoolean("api.baseline.update");

        List<String> baselineLines = Files.exists(baselineFile) ? Files.readAllLines(baselineFile, StandardCharsets.UTF_8) : List.of();
        SpiVersion baselineVersion = baselineLines.stream().filter(l -> l.startsWith(VERSION_LINE)).findFirst()
                .map(l -> SpiVersion.parse(l.substring(VERSION_LINE.length()))).orElse(null);
        Set<String> baseline = new LinkedHashSet<>(baselineLines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList());

        Set<String> removed = new LinkedHashSet<>(baseline);
        current.forEach(removed::remove);
        Set<String> added = new LinkedHashSet<>(current);
        added.removeAll(baseline);
        List<String> breaking = new ArrayList<>(removed);
        // an abstract method added to an existing interface breaks every plugin that implements it
        added.stream().filter(l -> l.endsWith(" abstract") && existingType(l, baseline)).forEach(breaking::add);
        boolean majorBumped = baselineVersion != null && SpiVersion.CURRENT.major() > baselineVersion.major();

        if (update) {
            if (!breaking.isEmpty() && !majorBumped && !Boolean.getBoolean("api.baseline.force")) {
                fail("incompatible API changes while the SPI version is still " + SpiVersion.CURRENT
                        + ": bump its major version first (SpiVersion.CURRENT, api/pom.xml, plugin-testkit/pom.xml, "
                        + "contedor.spi.version in the parent pom); changes:\n  " + String.join("\n  ", breaking));
            }
            List<String> text = new ArrayList<>();
            text.add("# The plugin API's signature: regenerate with  mvn -pl api test -Dapi.baseline.update=true");
            text.add(VERSION_LINE + SpiVersion.CURRENT);
            text.addAll(current);
            Files.write(baselineFile, text, StandardCharsets.UTF_8);
            return;
        }
        if (baselineVersion == null) {
            fail("no API baseline in " + baselineFile + ": make one with  mvn -pl api test -Dapi.baseline.update=true");
        }
        if (removed.isEmpty() && added.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (!breaking.isEmpty()) {
            sb.append(majorBumped ? "incompatible API changes (the SPI major version was bumped to " + SpiVersion.CURRENT + ")"
                    : "INCOMPATIBLE API changes without a new SPI major version (still " + SpiVersion.CURRENT
                    + "): plugins built for " + baselineVersion + " would break. Undo them, or bump the major version");
        } else {
            sb.append("compatible API additions since the baseline (SPI ").append(baselineVersion)
                    .append("); bump the minor version if ").append(baselineVersion).append(" was released");
        }
        sb.append(", then regenerate the baseline: mvn -pl api test -Dapi.baseline.update=true");
        removed.forEach(l -> sb.append("\n  - ").append(l));
        added.forEach(l -> sb.append("\n  + ").append(l));
        fail(sb.toString());
    }

    private static boolean existingType(String memberLine, Set<String> baseline) {
        String type = memberLine.substring(0, memberLine.indexOf(' '));
        return baseline.stream().anyMatch(l -> l.startsWith(type + " : interface"));
    }

    @Test
    void theArtifactVersionIsTheSpiVersion() {
        String version = System.getProperty("contedor.api.version");
        if (version != null) {
            assertEquals(SpiVersion.CURRENT, SpiVersion.parse(version), "api/pom.xml's version must be SpiVersion.CURRENT");
        }
    }
}
