package dev.contedor.cli.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The licence and notice files that the third-party jars of {@code lib/} carry
 * ({@code META-INF/LICENSE*}, {@code NOTICE*}, {@code COPYING*}), copied to
 * {@code share/doc/contedor/third-party/JAR/}: the Apache licence asks that NOTICE files go
 * along with the code. Which licence each jar is under is listed beside them, in
 * THIRD-PARTY.txt, from the Maven model (license-maven-plugin), since many jars carry no file.
 */
final class ThirdPartyNotices {
    private static final Pattern NOTICE = Pattern.compile("META-INF/(LICEN[CS]E|NOTICE|COPYING)[^/]*", Pattern.CASE_INSENSITIVE);

    private ThirdPartyNotices() {
    }

    /** Copies the files; returns the jars that carry none, for the index to say so. */
    static List<String> copy(Path lib, Path target) throws IOException {
        List<String> withoutFiles = new ArrayList<>();
        List<Path> jars;
        try (Stream<Path> s = Files.list(lib)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().startsWith("contedor-")).sorted().toList();
        }
        for (Path jar : jars) {
            String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            int copied = 0;
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.isDirectory() || !NOTICE.matcher(entry.getName()).matches()) {
                        continue;
                    }
                    Path out = target.resolve(name).resolve(entry.getName().substring("META-INF/".length()));
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                    copied++;
                }
            }
            if (copied == 0) {
                withoutFiles.add(jar.getFileName().toString());
            }
        }
        return withoutFiles;
    }
}
