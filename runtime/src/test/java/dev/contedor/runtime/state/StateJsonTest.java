package dev.contedor.runtime.state;

import dev.contedor.api.state.ContainerState;
import dev.contedor.api.state.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateJsonTest {
    private static final String ID = "4f2a9c0d1e7b83a56c2d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05.678Z");

    private static ContainerState state(Status status, long pid, List<String> command, Map<String, String> annotations) {
        return new ContainerState(ContainerState.OCI_VERSION, ID, status, pid, 123456L, Path.of("/bundles/b"),
                Path.of("/var/lib/contedor/rootfs/x"), command, CREATED, Path.of("/run/contedor/" + ID), annotations);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> contedor(Map<String, Object> json) {
        return (Map<String, Object>) json.get("contedor");
    }

    @Test
    void writesTheOciFields() {
        ContainerState s = state(Status.RUNNING, 4242, List.of("sh"), Map.of());
        Map<String, Object> json = JsonReader.object(StateJson.write(s));
        assertEquals("1.2.0", json.get("ociVersion"));
        assertEquals(ID, json.get("id"));
        assertEquals("running", json.get("status"));
        assertEquals(4242L, json.get("pid"));
        assertEquals("/bundles/b", json.get("bundle"));
        assertEquals(Map.of(), json.get("annotations"));
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void theStatusIsTheLowerCaseOciWord(Status status) {
        Map<String, Object> json = JsonReader.object(StateJson.write(state(status, 0, List.of("sh"), Map.of())));
        assertEquals(status.name().toLowerCase(java.util.Locale.ROOT), json.get("status"));
    }

    @Test
    void writesContedorsOwnFields() {
        Map<String, Object> json = JsonReader.object(StateJson.write(state(Status.CREATED, 7, List.of("sh", "-c", "true"), Map.of())));
        Map<String, Object> own = contedor(json);
        assertEquals(123456L, own.get("startTime"));
        assertEquals("/var/lib/contedor/rootfs/x", own.get("rootfs"));
        assertEquals(List.of("sh", "-c", "true"), own.get("command"));
        assertEquals(CREATED, Instant.parse((String) own.get("created")));
        assertEquals("/run/contedor/" + ID, own.get("stateDir"));
    }

    @Test
    void commandArgumentsSurviveQuotesBackslashesNewlinesAndControlCharacters() {
        List<String> command = List.of("sh", "-c", "echo \"hi\" \\ there\nnext\tline\r\u0001\u001f\b\f end",
                "ünïcødé ☃", "}", "\",\"", "");
        Map<String, Object> json = JsonReader.object(StateJson.write(state(Status.RUNNING, 1, command, Map.of())));
        assertEquals(command, contedor(json).get("command"));
    }

    @Test
    void annotationsAreAnObjectOfStrings() {
        Map<String, String> annotations = Map.of("org.example/owner", "ops \"team\"", "multi", "a\nb", "z", "");
        Map<String, Object> json = JsonReader.object(StateJson.write(state(Status.STOPPED, 0, List.of("sh"), annotations)));
        assertEquals(annotations, json.get("annotations"));
    }

    @Test
    void missingPathsAreEmptyStrings() {
        ContainerState s = new ContainerState(ContainerState.OCI_VERSION, "c1", Status.CREATING, 0, 0, null, null,
                List.of("sh"), CREATED, Path.of("/run/contedor/c1"), Map.of());
        Map<String, Object> json = JsonReader.object(StateJson.write(s));
        assertEquals("", json.get("bundle"));
        assertEquals("", contedor(json).get("rootfs"));
        assertEquals("creating", json.get("status"));
        assertEquals(0L, json.get("pid"));
    }

    @Test
    void anIdWithQuotesStaysValidJson() {
        ContainerState s = new ContainerState(ContainerState.OCI_VERSION, "we\"ird\\id", Status.CREATED, 0, 0, null, null,
                List.of("sh"), CREATED, Path.of("/x"), Map.of());
        Map<String, Object> json = JsonReader.object(StateJson.write(s));
        assertEquals("we\"ird\\id", json.get("id"));
        assertInstanceOf(Map.class, json.get("contedor"));
        assertTrue(json.keySet().containsAll(List.of("ociVersion", "id", "status", "pid", "bundle", "annotations")));
    }
}
