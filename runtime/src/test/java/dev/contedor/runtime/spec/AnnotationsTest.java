package dev.contedor.runtime.spec;

import dev.contedor.api.error.ContedorException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotationsTest {
    @Test
    void keyValuePairsInOrderTheLastOfARepeatedKeyWins() {
        assertEquals(Map.of("com.example.audit", "on", "io.x/y", "a=b", "empty", ""),
                Annotations.parse(List.of("com.example.audit=off", "io.x/y=a=b", "com.example.audit=on", "empty=")));
    }

    @Test
    void badKeysAreRefusedWithTheRule() {
        for (String flag : List.of("novalue", "=v", ".dot=v", "sp ace=v", "x".repeat(254) + "=v", "ünï=v")) {
            ContedorException e = assertThrows(ContedorException.class, () -> Annotations.parse(List.of(flag)), flag);
            assertTrue(e.getMessage().startsWith("--annotation "), e.getMessage());
        }
    }

    @Test
    void contedorsOwnKeysAreReserved() {
        ContedorException e = assertThrows(ContedorException.class, () -> Annotations.parse(List.of("dev.contedor.image=x")));
        assertTrue(e.getMessage().contains("com.example.image"), e.getMessage());
    }
}
