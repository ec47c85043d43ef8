package dev.contedor.api.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API's signature as text, one line per public or protected type, constructor, method and
 * field of {@code dev.contedor.api}: what a plugin compiled against the api can see. Lines
 * are sorted, so that a diff of two signatures reads as what was added and removed.
 */
final class ApiSignature {
    private ApiSignature() {
    }

    /** The signature of every class below {@code classes} (a class folder, e.g. target/classes). */
    static List<String> of(Path classes, ClassLoader loader) {
        TreeSet<String> lines = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, loader);
                if (visible(type)) {
                    describe(type, lines);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(lines);
    }

    /** Public, and (when nested) inside public types all the way out. */
    private static boolean visible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static void describe(Class<?> type, TreeSet<String> lines) {
        String name = type.getName();
        List<String> supers = new ArrayList<>();
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum() && !type.isRecord()) {
            supers.add(type.getGenericSuperclass().getTypeName());
        }
        Arrays.stream(type.getGenericInterfaces()).map(Type::getTypeName).sorted().forEach(supers::add);
        String permits = type.isSealed() ? " permits " + Arrays.stream(type.getPermittedSubclasses()).map(Class::getName)
                .sorted().collect(Collectors.joining(",")) : "";
        lines.add(name + " : " + kind(type) + modifiers(type) + (supers.isEmpty() ? "" : " extends " + String.join(",", supers)) + permits);
        for (Field f : type.getDeclaredFields()) {
            if (exposed(f.getModifiers()) && !f.isSynthetic()) {
                lines.add(name + " field " + f.getName() + " : " + f.getGenericType().getTypeName()
                        + (Modifier.isStatic(f.getModifiers()) ? " static" : "") + (Modifier.isFinal(f.getModifiers()) ? " final" : ""));
            }
        }
        if (!type.isInterface() && !type.isEnum() && !Modifier.isAbstract(type.getModifiers()) || type.isRecord()) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (exposed(c.getModifiers()) && !c.isSynthetic()) {
                    lines.add(name + " new(" + params(c.getGenericParameterTypes()) + ")");
                }
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (exposed(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                String how = Modifier.isStatic(m.getModifiers()) ? " static"
                        : Modifier.isAbstract(m.getModifiers()) ? " abstract" : m.isDefault() ? " default" : "";
                lines.add(name + " method " + m.getName() + "(" + params(m.getGenericParameterTypes()) + ") : "
                        + m.getGenericReturnType().getTypeName() + how);
            }
        }
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "annotation";
        }
        if (type.isInterface()) {
            return "interface";
        }
        if (type.isEnum()) {
            return "enum";
        }
        if (type.isRecord()) {
            return "record";
        }
        return Modifier.isAbstract(type.getModifiers()) ? "abstract class" : "class";
    }

    private static String modifiers(Class<?> type) {
        boolean isFinal = Modifier.isFinal(type.getModifiers()) && !type.isEnum() && !type.isRecord();
        return (isFinal ? " final" : "") + (type.isSealed() ? " sealed" : "");
    }

    private static String params(Type[] types) {
        return Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", "));
    }
}
