# The one place that decides which JDK 25 builds and runs contedor, whatever the default `java`
# is. Sourced by ./contedor (to build), ./run-tests and, copied into the distribution as
# libexec/find-jdk.sh, by its bin/contedor when the distribution carries no runtime/ of its own.
# Defines find_jdk25, which prints a JDK home.
# Order: $JAVA_HOME when it is 25 or newer, then the usual Debian/Temurin folders.

find_jdk25() {
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/*25*)
    local home v
    for home in "${candidates[@]}"; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
        # the release file says the version without starting a JVM
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
        if [ "${v:-0}" -ge 25 ] 2>/dev/null; then
            echo "$home"
            return 0
        fi
    done
    return 1
}
