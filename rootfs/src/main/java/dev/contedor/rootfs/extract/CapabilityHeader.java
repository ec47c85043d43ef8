package dev.contedor.rootfs.extract;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Finds an entry's file capabilities ({@code security.capability} xattr) in its PAX headers:
 * GNU tar and Go write {@code SCHILY.xattr.security.capability} with the raw binary value,
 * bsdtar writes {@code LIBARCHIVE.xattr.security.capability} in base64.
 */
final class CapabilityHeader {
    static final String XATTR = "security.capability";
    private static final String SCHILY = PaxXattrTap.XATTR_PREFIX + XATTR;
    private static final String LIBARCHIVE = "LIBARCHIVE.xattr." + XATTR;

    /** The value, or why it could not be recovered. */
    record Lookup(byte[] value, String problem) {
        static final Lookup ABSENT = new Lookup(null, null);
    }

    private CapabilityHeader() {
    }

    static Lookup of(TarArchiveEntry entry, int ordinal, PaxXattrTap tap) {
        String decoded = entry.getExtraPaxHeader(SCHILY);
        if (decoded != null) {
            byte[] raw = tap.rawValue(ordinal, SCHILY);
            // The raw bytes are trusted only if they decode to what commons-compress saw,
            // which proves the tap and the reader agree on which entry this is.
            if (raw != null && new String(raw, StandardCharsets.UTF_8).equals(decoded)) {
                return new Lookup(raw, null);
            }
            if (decoded.indexOf('\uFFFD') < 0) {
                return new Lookup(decoded.getBytes(StandardCharsets.UTF_8), null);
            }
            return new Lookup(null, "its " + XATTR + " value could not be read exactly");
        }
        String base64 = entry.getExtraPaxHeader(LIBARCHIVE);
        if (base64 != null) {
            try {
                return new Lookup(Base64.getDecoder().decode(base64.strip()), null);
            } catch (IllegalArgumentException e) {
                return new Lookup(null, "its " + XATTR + " value is not valid base64");
            }
        }
        return Lookup.ABSENT;
    }
}
