package dev.contedor.cli.commands.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.contedor.rootfs.image.format.Json;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contedor.rootfs.image.Image;
import dev.contedor.rootfs.image.ImageConfig;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How images are shown: docker's table, sizes, ages and JSON documents. */
final class ImageFormat {
    static final String NONE = "<none>";
    private static final String[] DECIMAL_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final ObjectWriter JSON = Json.MAPPER.writer(dockerPrinter());

    private ImageFormat() {
    }

    /** docker's {@code units.HumanSizeWithPrecision}: decimal units, {@code precision} significant digits. */
    static String humanSize(long bytes, int precision) {
        BigDecimal value = BigDecimal.valueOf(Math.max(0, bytes));
        BigDecimal thousand = BigDecimal.valueOf(1000);
        MathContext digits = new MathContext(precision, RoundingMode.HALF_EVEN);
        int unit = 0;
        while (value.compareTo(thousand) >= 0 && unit < DECIMAL_UNITS.length - 1) {
            value = value.divide(thousand);
            unit++;
        }
        BigDecimal rounded = value.round(digits);
        // 999.96 kB rounds to 1000 kB: say 1 MB, as docker would have if it rounded first
        if (rounded.compareTo(thousand) >= 0 && unit < DECIMAL_UNITS.length - 1) {
            rounded = rounded.divide(thousand).round(digits);
            unit++;
        }
        return rounded.stripTrailingZeros().toPlainString() + DECIMAL_UNITS[unit];
    }

    /** The SIZE column: three significant digits, as {@code docker images}. */
    static String size(long bytes) {
        return humanSize(bytes, 3);
    }

    /** Freed space: four significant digits, as docker's prune summaries. */
    static String reclaimed(long bytes) {
        return humanSize(bytes, 4);
    }

    /** docker's {@code units.HumanDuration}: "Less than a second", "5 minutes", "About an hour", "3 weeks". */
    static String humanDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        // Go's d.Round(time.Hour): halves round away from zero
        long hours = (d.toMillis() + 1_800_000L) / 3_600_000L;
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }

    /** The CREATED column: "5 minutes ago". */
    static String age(Instant created, Instant now) {
        return humanDuration(Duration.between(created, now)) + " ago";
    }

    /** {@code repo:tag} split where the tag begins (a colon before the last slash is a registry port). */
    static String[] splitTag(String repoTag) {
        int colon = repoTag.lastIndexOf(':');
        if (colon < 0 || colon < repoTag.lastIndexOf('/')) {
            return new String[] {repoTag, NONE};
        }
        return new String[] {repoTag.substring(0, colon), repoTag.substring(colon + 1)};
    }

    /** Newest first, as docker lists them. */
    static List<Image> newestFirst(List<Image> images) {
        List<Image> sorted = new ArrayList<>(images);
        sorted.sort(Comparator.comparing(Image::created).reversed().thenComparing(Image::id));
        return sorted;
    }

    /** {@code docker images}: one row per tag, {@code <none>} for an untagged image. */
    static String table(List<Image> images, Instant now, boolean noTrunc) {
        Table table = new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        for (Image image : newestFirst(images)) {
            String id = noTrunc ? "sha256:" + image.id() : image.shortId();
            String created = age(image.created(), now);
            String size = size(image.size());
            List<String> tags = image.tags().isEmpty() ? List.of(NONE + ":" + NONE)
                    : image.tags().stream().sorted().toList();
            for (String tag : tags) {
                String[] parts = tag.equals(NONE + ":" + NONE) ? new String[] {NONE, NONE} : splitTag(tag);
                table.row(parts[0], parts[1], id, created, size);
            }
        }
        return table.toString();
    }

    /** {@code -q}: the ids, one per image (not one per tag), newest first. */
    static String quiet(List<Image> images, boolean noTrunc) {
        Set<String> ids = new LinkedHashSet<>();
        for (Image image : newestFirst(images)) {
            ids.add(noTrunc ? "sha256:" + image.id() : image.shortId());
        }
        StringBuilder out = new StringBuilder();
        ids.forEach(id -> out.append(id).append('\n'));
        return out.toString();
    }

    /** {@code ls --format json}: one array, as podman prints it. */
    static String listJson(List<Image> images) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Image image : newestFirst(images)) {
            ObjectNode node = array.addObject();
            node.put("Id", "sha256:" + image.id());
            ArrayNode tags = node.putArray("RepoTags");
            image.tags().forEach(tags::add);
            node.put("Created", image.created().toString());
            node.put("Size", image.size());
            node.put("Layers", image.diffIds().size());
        }
        return write(array);
    }

    /** {@code docker image inspect}: an array of documents with docker's field names and order. */
    static String inspectJson(List<Image> images) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Image image : images) {
            ObjectNode node = array.addObject();
            node.put("Id", "sha256:" + image.id());
            ArrayNode tags = node.putArray("RepoTags");
            image.tags().forEach(tags::add);
            node.put("Created", image.created().toString());
            ImageConfig config = image.config();
            ObjectNode c = node.putObject("Config");
            c.put("User", config.user().orElse(""));
            putListOrNull(c, "Env", config.env());
            putListOrNull(c, "Cmd", config.cmd());
            c.put("WorkingDir", config.workingDir().orElse(""));
            putListOrNull(c, "Entrypoint", config.entrypoint());
            node.put("Architecture", config.architecture());
            node.put("Os", config.os());
            node.put("Size", image.size());
            ObjectNode rootfs = node.putObject("RootFS");
            rootfs.put("Type", "layers");
            ArrayNode layers = rootfs.putArray("Layers");
            image.diffIds().forEach(layers::add);
        }
        return write(array);
    }

    /** docker writes an unset list as null, not as []. */
    private static void putListOrNull(ObjectNode node, String field, List<String> values) {
        if (values.isEmpty()) {
            node.putNull(field);
        } else {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    private static String write(ArrayNode array) {
        try {
            return JSON.writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of a tree cannot fail", e);
        }
    }

    /** Go's json.MarshalIndent(v, "", "    "): four spaces, {@code "key": value}, {@code []} when empty. */
    private static DefaultPrettyPrinter dockerPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    /**
     * Columns as Go's tabwriter lays docker's tables out (minimum width 10, padding 3): each
     * column as wide as its widest cell plus three spaces, the last one not padded.
     */
    static final class Table {
        private static final int MIN_WIDTH = 10;
        private static final int PADDING = 3;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        @Override
        public String toString() {
            int columns = rows.getFirst().length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int i = 0; i < columns - 1; i++) {
                    widths[i] = Math.max(widths[i], Math.max(MIN_WIDTH, row[i].length() + PADDING));
                }
            }
            StringBuilder out = new StringBuilder();
            for (String[] row : rows) {
                for (int i = 0; i < columns; i++) {
                    out.append(row[i]);
                    if (i < columns - 1) {
                        out.repeat(' ', widths[i] - row[i].length());
                    }
                }
                out.append('\n');
            }
            return out.toString();
        }
    }
}
