package dev.contedor.rootfs.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryNameTest {
    @Test
    void dropsDotSlashEmptyAndDotComponents() throws Exception {
        EntryName n = EntryName.parse("./a//b/./c/");
        assertEquals(List.of("a", "b", "c"), n.components());
        assertEquals("a/b/c", n.toString());
        assertEquals("./a//b/./c/", n.raw());
        assertEquals(List.of("a", "b"), n.parentComponents());
        assertEquals("c", n.fileName());
    }

    @Test
    void dotSlashIsTheRoot() throws Exception {
        assertTrue(EntryName.parse("./").isRoot());
        assertTrue(EntryName.parse(".").isRoot());
    }

    @Test
    void namesThatMerelyStartWithDotsAreFine() throws Exception {
        assertEquals(List.of("..foo", "...", ".hidden"), EntryName.parse("..foo/.../.hidden").components());
    }

    @Test
    void equalityIgnoresTheRawSpelling() throws Exception {
        assertEquals(EntryName.parse("./usr/bin/x"), EntryName.parse("usr//bin/x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "//x", "..", "../x", "a/../b", "a/..", "./../x", "a/b/../../..", "a\0b"})
    void refusesAbsoluteAndClimbingNames(String raw) {
        UnsafeEntryException e = assertThrows(UnsafeEntryException.class, () -> EntryName.parse(raw));
        assertEquals(raw, e.entryName());
    }
}
