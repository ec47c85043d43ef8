package dev.contedor.runtime.plugins;

import dev.contedor.api.isolation.Isolator;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

/**
 * Writes plugin jars the way a plugin author's build would: isolator classes (generated with
 * the class-file API, so that they exist in the jar only and not on the test class path) and
 * a {@code META-INF/services} file.
 */
final class PluginJars {
    static final String SERVICES = "META-INF/services/" + Isolator.class.getName();

    private PluginJars() {
    }

    /** A public isolator class whose name() returns {@code isolatorName} (or throws when null). */
    static byte[] isolator(String className, String isolatorName) {
        return classFile(className, isolatorName, true);
    }

    /** A public class with the isolator's methods but not implementing the interface. */
    static byte[] notAnIsolator(String className) {
        return classFile(className, "impostor", false);
    }

    private static byte[] classFile(String className, String isolatorName, boolean implementsIsolator) {
        ClassDesc spec = ClassDesc.of("dev.contedor.api.spec.ContainerSpec");
        ClassDesc builder = ClassDesc.of("dev.contedor.api.launch.LaunchPlan$Builder");
        ClassDesc ise = ClassDesc.of("java.lang.IllegalStateException");
        return ClassFile.of().build(ClassDesc.of(className), cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            cb.withSuperclass(CD_Object);
            if (implementsIsolator) {
                cb.withInterfaceSymbols(ClassDesc.of(Isolator.class.getName()));
            }
            cb.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                    b -> b.aload(0).invokespecial(CD_Object, INIT_NAME, MTD_void).return_());
            cb.withMethodBody("name", MethodTypeDesc.of(CD_String), ClassFile.ACC_PUBLIC, b -> {
                if (isolatorName == null) {
                    b.new_(ise).dup().ldc("no name today").invokespecial(ise, INIT_NAME, MethodTypeDesc.of(CD_void, CD_String)).athrow();
                } else {
                    b.ldc(isolatorName).areturn();
                }
            });
            cb.withMethodBody("appliesTo", MethodTypeDesc.of(CD_boolean, spec), ClassFile.ACC_PUBLIC,
                    b -> b.iconst_1().ireturn());
            cb.withMethodBody("contribute", MethodTypeDesc.of(CD_void, spec, builder), ClassFile.ACC_PUBLIC,
                    b -> b.return_());
        });
    }

    static Entries entries() {
        return new Entries();
    }

    static final class Entries {
        private final Map<String, byte[]> entries = new LinkedHashMap<>();

        Entries klass(String className, byte[] bytes) {
            entries.put(className.replace('.', '/') + ".class", bytes);
            return this;
        }

        Entries services(String... classNames) {
            entries.put(SERVICES, (String.join("\n", classNames) + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Entries file(String name, String content) {
            entries.put(name, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Path writeTo(Path jar) throws IOException {
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    jos.putNextEntry(new JarEntry(e.getKey()));
                    jos.write(e.getValue());
                    jos.closeEntry();
                }
            }
            return jar;
        }
    }
}
