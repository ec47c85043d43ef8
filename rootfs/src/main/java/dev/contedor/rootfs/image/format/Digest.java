package dev.contedor.rootfs.image.format;

import dev.contedor.api.error.ContedorException;
import java.util.regex.Pattern;

/**
 * A content digest, {@code sha256:<64 lowercase hex>}. Only sha256 is accepted: it is the
 * algorithm every OCI implementation must support and the one that names layers and images
 * in the store. The strict form also makes a digest safe to use as a file name: nothing
 * such as {@code sha256:../../x} gets as far as a path.
 *
 * @param hex 64 lowercase hex digits
 */
public record Digest(String hex) {
    public static final String SHA256 = "sha256";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 hex digest: " + hex);
        }
    }

    /** True for 64 lowercase hex digits. */
    public static boolean isHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }

    /**
     * Reads {@code sha256:<hex>}.
     *
     * @param where names the document holding it, for the refusal
     */
    public static Digest parse(String text, String where) {
        if (text == null) {
            throw ContedorException.runtime(where + ": a digest is missing; the image archive is damaged");
        }
        int colon = text.indexOf(':');
        String algorithm = colon < 0 ? "" : text.substring(0, colon);
        String hex = colon < 0 ? text : text.substring(colon + 1);
        if (!algorithm.equals(SHA256)) {
            throw ContedorException.runtime(where + ": digest \"" + text
                    + "\" is not a sha256 digest; only sha256 content is supported, re-create the image with sha256 digests");
        }
        if (!isHex(hex)) {
            throw ContedorException.runtime(where + ": digest \"" + text
                    + "\" is malformed (expected sha256: and 64 lowercase hex digits); the image archive is damaged");
        }
        return new Digest(hex);
    }

    /** Where a blob with this digest lives in an OCI layout. */
    public String blobPath() {
        return "blobs/" + SHA256 + "/" + hex;
    }

    /** {@code sha256:<hex>}. */
    @Override
    public String toString() {
        return SHA256 + ":" + hex;
    }
}
