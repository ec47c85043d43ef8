package dev.contedor.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contedor.api.error.ContedorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "busybox, busybox, latest",
            "busybox:1.36, busybox, 1.36",
            "reg.example:5000/a/b:1.0, reg.example:5000/a/b, 1.0",
            "reg.example:5000/a/b, reg.example:5000/a/b, latest",
            "localhost/x, localhost/x, latest",
            "docker.io/library/debian:bookworm-slim, docker.io/library/debian, bookworm-slim",
            "my_org/my-app.v2:_Tag.1-x, my_org/my-app.v2, _Tag.1-x",
            "a__b/c---d:v, a__b/c---d, v",
            "Reg.Example/a:1, Reg.Example/a, 1",
    })
    void parses(String text, String repository, String tag) {
        ImageReference reference = ImageReference.parse(text);
        assertEquals(repository, reference.repository());
        assertEquals(tag, reference.tag());
        assertEquals(repository + ":" + tag, reference.toString());
    }

    @Test
    void digestReferenceIsRefusedNamingIt() {
        ContedorException e = assertThrows(ContedorException.class,
                () -> ImageReference.parse("busybox@sha256:" + "a".repeat(64)));
        assertTrue(e.getMessage().contains("busybox@sha256:"), e.getMessage());
        assertTrue(e.getMessage().contains("NAME[:TAG]"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Busybox", "busy box", "a//b", "/a", "a/", "a:", "a:.tag", "a:-tag", "-a", "a_", "a..b",
            "bad_host:5000x/a", "UPPER/a:1"})
    void invalidNamesAreRefusedNamingThem(String text) {
        ContedorException e = assertThrows(ContedorException.class, () -> ImageReference.parse(text));
        assertTrue(e.getMessage().contains("\"" + text.strip().substring(0, Math.min(text.strip().length(), 1))),
                e.getMessage());
    }

    @Test
    void tagIsAtMost128Characters() {
        assertEquals(128, ImageReference.parse("a:" + "t".repeat(128)).tag().length());
        assertThrows(ContedorException.class, () -> ImageReference.parse("a:" + "t".repeat(129)));
    }

    @Test
    void colonBeforeTheLastSlashIsAPortNotATag() {
        ImageReference reference = ImageReference.parse("host:5000/app");
        assertEquals("host:5000/app", reference.repository());
        assertEquals("latest", reference.tag());
    }
}
