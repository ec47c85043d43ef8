#!/bin/sh
# Makes DIST/runtime: the Java runtime the distribution carries, made by jlink from JDK_HOME with
# only the modules that the jars in DIST/lib use (as jdeps finds them). Run by the cli module's
# build (mvn package): sh build/make-runtime.sh JDK_HOME DIST
#
# jlink costs about 10 s, so the runtime is made again only when its recipe changes: the
# JDK (its release file) or the module list. The recipe of the runtime in place is kept
# next to the distribution, in DIST.runtime-recipe, outside what is shipped.
set -eu
jdk=$1
dist=$2
recipe_file=$dist.runtime-recipe

# java.desktop is left out although jdeps lists it: only jackson-databind (java.beans
# annotations, looked up reflectively and optional), commons-lang3's event utilities and
# commons-compress's pack200 reach it, and contedor uses none of those paths. It would add
# 15 MiB of AWT, fonts and sound. Every end-to-end test runs on this runtime, which is what
# would show a module missing.
left_out=java.desktop

# jdeps reads every class: 5-7 s for the third-party jars, which change only with a dependency.
# Their answer is kept (in DIST.runtime-deps, keyed by the JDK and the jars' names and sizes);
# contedor's own jars, which change with every build, are read each time (2-3 s).
jdeps() {
    # shellcheck disable=SC2086  # one argument per jar
    "$jdk/bin/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps $1
}
own_jars=$(ls "$dist"/lib/contedor-*.jar)
third_party_jars=$(ls "$dist"/lib/*.jar | grep -v '/contedor-[^/]*\.jar$')
deps_file=$dist.runtime-deps
# shellcheck disable=SC2086
deps_key=$(printf '%s\n' "$(cat "$jdk/release")" $(ls -l $third_party_jars | awk '{print $5, $NF}' | sed 's,[^ ]*/,,'))
if [ -f "$deps_file" ] && [ "$(sed '$d' "$deps_file")" = "$deps_key" ]; then
    third_party_modules=$(tail -n 1 "$deps_file")
else
    third_party_modules=$(jdeps "$third_party_jars")
    printf '%s\n%s\n' "$deps_key" "$third_party_modules" > "$deps_file"
fi
found="$third_party_modules,$(jdeps "$own_jars")"
modules=$(echo "$found" | tr ',' '\n' | grep -vx "$left_out" | sort -u | paste -sd, -)

options="--strip-debug --no-header-files --no-man-pages --compress=zip-6"
recipe=$(printf 'jdk: %s\nmodules: %s\noptions: %s\n' "$(cat "$jdk/release")" "$modules" "$options")

if [ -x "$dist/runtime/bin/java" ] && [ -f "$recipe_file" ] && [ "$(cat "$recipe_file")" = "$recipe" ]; then
    echo "runtime: up to date ($modules)"
    exit 0
fi
rm -rf "$dist/runtime" "$recipe_file"
echo "runtime: jlink --add-modules $modules"
# shellcheck disable=SC2086  # the options are words
"$jdk/bin/jlink" --add-modules "$modules" $options --output "$dist/runtime"
printf '%s\n' "$recipe" > "$recipe_file"
