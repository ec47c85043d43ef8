package dev.contedor.rootfs.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.contedor.rootfs.TarFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class PaxXattrTapTest {
    private static final String KEY = "SCHILY.xattr.security.capability";
    /** Not valid UTF-8: commons-compress alone cannot return these bytes. */
    private static final byte[] BINARY = {0x01, 0x00, 0x00, 0x02, (byte) 0x80, (byte) 0xff, 0x00, (byte) 0xc3};

    @Test
    void recoversBinaryValuesThatCommonsCompressDecodesLossily() throws IOException {
        String longName = "l/" + "n".repeat(200);
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("SCHILY.xattr.user.other", "text".getBytes(StandardCharsets.UTF_8));
        records.put(KEY, BINARY);
        byte[] tar = TarFixture.gnu()
                .file(longName, 0644, new byte[1500], e -> { })   // GNU long name + data to skip
                .dir("d/", 0755)
                .rawPax(records)
                .file("target", 0755, "x")
                .file("after", 0644, new byte[10], e -> { })
                .bytes();

        PaxXattrTap tap = new PaxXattrTap(new ByteArrayInputStream(tar));
        TarArchiveInputStream in = new TarArchiveInputStream(tap, "UTF-8");
        int ordinal = 0;
        TarArchiveEntry entry;
        byte[] found = null;
        while ((entry = in.getNextEntry()) != null) {
            ordinal++;
            if (entry.getName().equals("target")) {
                // Proves the premise: the decoded string has lost the bytes.
                assertNotEquals(new String(BINARY, StandardCharsets.ISO_8859_1), entry.getExtraPaxHeader(KEY));
                found = tap.rawValue(ordinal, KEY);
                assertArrayEquals("text".getBytes(StandardCharsets.UTF_8), tap.rawValue(ordinal, "SCHILY.xattr.user.other"));
            } else {
                assertNull(tap.rawValue(ordinal, KEY), entry.getName());
            }
        }
        assertEquals(4, ordinal);
        assertArrayEquals(BINARY, found);
    }

    @Test
    void answersOnlyForTheCurrentEntry() throws IOException {
        byte[] tar = TarFixture.posix().rawPax(Map.of(KEY, BINARY)).file("a", 0644, "a").file("b", 0644, "b").bytes();
        PaxXattrTap tap = new PaxXattrTap(new ByteArrayInputStream(tar));
        TarArchiveInputStream in = new TarArchiveInputStream(tap, "UTF-8");
        in.getNextEntry();
        in.getNextEntry();
        assertNull(tap.rawValue(1, KEY), "entry 1's value must not be given once entry 2 is current");
        assertNull(tap.rawValue(2, KEY));
    }
}
