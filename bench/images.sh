#!/usr/bin/env bash
# bench/images.sh: images against plain folders, and image import against GNU tar, in one run.
#
# Usage (as root, from anywhere):
#   bash bench/images.sh [N] [C] [REPEATS]
#
#   N        runs of /bin/true from a plain busybox folder and from the same files as an
#            image, interleaved, in one warm JVM (default 100)
#   C        containers from the image alive at once for the disk measure (default 200)
#   REPEATS  imports of the ~200 MiB tarball, each against `tar -xf` of the same file
#            (default 3)
#
# Prints: start medians (image/folder ratio), the disk C containers' layers take while they
# run, and import times against `tar -xf` (plain .tar and .tar.gz), with ratios.
# Everything lives in a temp folder removed at exit.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
repo=$(dirname "$here")
CONTEDOR=${CONTEDOR:-$repo/contedor}
N=${1:-100}
C=${2:-200}
REPEATS=${3:-3}
[ "$(id -u)" = 0 ] || { echo "images.sh: run as root" >&2; exit 2; }
[ -x /bin/busybox ] || { echo "images.sh: /bin/busybox missing (apt-get install busybox-static)" >&2; exit 2; }

"$CONTEDOR" --version >/dev/null   # builds the distribution on first use
dist=$repo/cli/target/contedor
java_bin=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java

TMP=$(mktemp -d /tmp/ctdimg.XXXXXX)
cleanup() {
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
DATA=$TMP/data
STATE=$TMP/state
ctd() { "$CONTEDOR" --root "$STATE" --data-root "$DATA" "$@"; }

# ---------------------------------------------------------------- one busybox root, as a folder and as an image
ROOTFS=$TMP/busybox
mkdir -p "$ROOTFS"/{bin,proc,sys,dev,etc,tmp}
cp /bin/busybox "$ROOTFS/bin/busybox"
for a in sh true sleep echo cat; do ln -s busybox "$ROOTFS/bin/$a"; done
tar -cf "$TMP/busybox.tar" -C "$ROOTFS" .
ctd image import "$TMP/busybox.tar" bench/busybox >/dev/null

echo "== start cost and density (engine in one JVM; $N runs each; $C containers at once)"
"$java_bin" -cp "$dist/lib/contedor-cli.jar" -Dcontedor.home="$dist" @"$dist/lib/jvm.args" "$here/ImageBenchmark.java" "$STATE" "$DATA" "$ROOTFS" bench/busybox "$N" "$C" 2>&1 \
    | grep -v '^WARNING'
ctd image rm bench/busybox >/dev/null

# ---------------------------------------------------------------- import against tar -xf
echo "== import of a ~200 MiB root filesystem tarball against GNU tar -xf of the same file"
tar -cf "$TMP/big.tar" -C / etc usr/sbin usr/share/locale usr/share/perl 2>/dev/null || true
gzip -1 -c "$TMP/big.tar" > "$TMP/big.tar.gz"
printf 'tarball: %s MiB (.tar), %s MiB (.tar.gz)\n' "$(( $(stat -c %s "$TMP/big.tar") / 1048576 ))" \
    "$(( $(stat -c %s "$TMP/big.tar.gz") / 1048576 ))"
now() { date +%s.%N; }
settle() { sync; sleep 2; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for file in big.tar big.tar.gz; do
    : > "$TMP/t-import"; : > "$TMP/t-tar"
    for i in $(seq "$REPEATS"); do
        # both read the file from the page cache and start on a quiet disk: file creation on
        # this ext4 (mounted with discard) costs 0.2-0.3 ms per file, more while a previous
        # run's writeback or deletions are in flight
        cat "$TMP/$file" > /dev/null
        rm -rf "$TMP/untar"; mkdir "$TMP/untar"; settle
        t0=$(now); tar -xf "$TMP/$file" -C "$TMP/untar"; t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}' >> "$TMP/t-tar"
        rm -rf "$TMP/untar"; settle
        t0=$(now); ctd image import "$TMP/$file" bench/big >/dev/null; t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}' >> "$TMP/t-import"
        ctd image rm bench/big >/dev/null
        ctd image prune -f >/dev/null
    done
    ti=$(median < "$TMP/t-import"); tt=$(median < "$TMP/t-tar")
    printf '%-11s contedor image import %.2f s, tar -xf %.2f s, ratio %.2f (medians of %d)\n' \
        "$file" "$ti" "$tt" "$(awk -v a="$ti" -v b="$tt" 'BEGIN {print a / b}')" "$REPEATS"
done
