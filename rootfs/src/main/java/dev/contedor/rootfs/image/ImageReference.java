package dev.contedor.rootfs.image;

import dev.contedor.api.error.ContedorException;
import java.util.regex.Pattern;

/**
 * An image name, {@code [host[:port]/]path:tag}, in docker's grammar. The repository is
 * kept as written ({@code busybox} stays {@code busybox}, not {@code docker.io/library/busybox}):
 * the store matches both spellings when looking an image up.
 *
 * @param repository the name without tag, e.g. {@code reg.example:5000/a/b}
 * @param tag        the tag, e.g. {@code latest}
 */
public record ImageReference(String repository, String tag) {

    /** The tag a name without one gets. */
    public static final String DEFAULT_TAG = "latest";

    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int MAX_REPOSITORY = 255;

    public ImageReference {
        requireValidRepository(repository, repository + ":" + tag);
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw ContedorException.runtime("invalid image name \"" + repository + ":" + tag + "\": the tag \"" + tag
                    + "\" must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        }
    }

    /**
     * Reads {@code NAME[:TAG]}; the tag defaults to {@code latest}.
     *
     * @throws ContedorException naming the text when it is not a valid name, or is a digest
     *                           reference ({@code name@sha256:...}), which a local store cannot honour
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw ContedorException.runtime("invalid image name \"\": give NAME[:TAG], e.g. busybox:1.36");
        }
        if (text.indexOf('@') >= 0) {
            throw ContedorException.runtime("invalid image name \"" + text
                    + "\": digest references (NAME@sha256:...) are not supported; name the image by NAME[:TAG] or by its id");
        }
        int lastSlash = text.lastIndexOf('/');
        int colon = text.lastIndexOf(':');
        // A colon before the last slash belongs to a registry port, not to a tag.
        if (colon > lastSlash) {
            return new ImageReference(text.substring(0, colon), text.substring(colon + 1));
        }
        return new ImageReference(text, DEFAULT_TAG);
    }

    /** True when {@code text} parses; for callers that try a name before an id. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (ContedorException e) {
            return false;
        }
    }

    private static void requireValidRepository(String repository, String shown) {
        if (repository == null || repository.isEmpty()) {
            throw ContedorException.runtime("invalid image name \"" + shown + "\": the repository name is empty");
        }
        if (repository.length() > MAX_REPOSITORY) {
            throw ContedorException.runtime("invalid image name \"" + shown + "\": the repository name is longer than "
                    + MAX_REPOSITORY + " characters");
        }
        String[] parts = repository.split("/", -1);
        int first = 0;
        // As docker: the first component is a registry host when more follow and it looks
        // like one (has a '.' or a ':' port, or is localhost).
        if (parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"))) {
            if (!DOMAIN.matcher(parts[0]).matches()) {
                throw ContedorException.runtime("invalid image name \"" + shown + "\": \"" + parts[0]
                        + "\" is not a valid registry host[:port]");
            }
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
                throw ContedorException.runtime("invalid image name \"" + shown + "\": the component \"" + parts[i]
                        + "\" must be lowercase letters and digits, separated by '.', '_', '__' or '-'");
            }
        }
    }

    /** {@code repository:tag}. */
    @Override
    public String toString() {
        return repository + ":" + tag;
    }
}
