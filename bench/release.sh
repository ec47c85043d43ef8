#!/usr/bin/env bash
# The release archive on a machine without a JDK, and its start-up against the clone's.
#
#   bash bench/release.sh [N]          (as root, from anywhere; N: --version runs each, default 21)
#
# 1. Unpacks cli/target/contedor-*-linux-amd64.tar.gz into DEST (default /opt/x; it must not exist
#    yet, and is removed at exit) and prints the archive's size.
# 2. In a mount namespace of its own (unshare -m), hides /usr/lib/jvm under an empty folder (a
#    bind mount the host never sees), checks that no java starts there, and runs the archive's
#    `bin/contedor run --rm -- echo ok` (state and data folders in a temp folder).
# 3. Still there, times `contedor --version` of the archive and of this clone (./contedor, which
#    runs cli/target/contedor/bin/contedor), interleaved, N runs each after 3 warm-ups, with bash's
#    $EPOCHREALTIME: median and p90 in ms, and archive/clone.
# BEFORE=/path/to/launcher adds a third launcher to a second timing, on the host (outside the
#    namespace, since it may need /usr/lib/jvm): e.g. an older checkout's ./contedor.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
repo=$(cd "$here/.." && pwd)
N=${1:-21}
DEST=${DEST:-/opt/x}
[ "$(id -u)" = 0 ] || { echo "release.sh: run as root (unshare -m, mount)" >&2; exit 2; }
archive=$(ls "$repo"/cli/target/contedor-*-linux-amd64.tar.gz 2>/dev/null | head -1)
[ -n "$archive" ] || { echo "release.sh: no release archive in $repo/cli/target: run mvn -DskipTests package" >&2; exit 2; }
[ ! -e "$DEST" ] || { echo "release.sh: $DEST exists; remove it or set DEST" >&2; exit 2; }

TMP=$(mktemp -d /tmp/ctdrel.XXXXXX)
# never let rm cross into a mount (a container's, should one be left)
cleanup() { rm -rf --one-file-system "$DEST" "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$DEST" "$TMP/empty"
tar -xzf "$archive" -C "$DEST"
home=$(echo "$DEST"/contedor-*)
echo "archive: $archive"
echo "archive size: $(stat -c %s "$archive") bytes ($(du -h --apparent-size "$archive" | cut -f1)); unpacked: $(du -sh "$home" | cut -f1) (runtime/ $(du -sh "$home/runtime" | cut -f1), lib/ $(du -sh "$home/lib" | cut -f1))"

# timing: interleaved runs of several launchers' --version; prints a table
cat > "$TMP/timing.sh" <<'EOF'
set -euo pipefail
N=$1; shift
names=(); launchers=()
while [ $# -gt 0 ]; do names+=("$1"); launchers+=("$2"); shift 2; done
for i in 1 2 3; do for l in "${launchers[@]}"; do "$l" --version >/dev/null; done; done
declare -A times
for i in $(seq "$N"); do
    for k in "${!launchers[@]}"; do
        t0=${EPOCHREALTIME/./}; "${launchers[$k]}" --version >/dev/null; t1=${EPOCHREALTIME/./}
        times[$k]+="$((t1 - t0)) "
    done
done
# microseconds in, "median p90" in ms out (p90: nearest rank)
stats() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; r=int(0.9*NR); if (r<0.9*NR) r++; printf "%.1f %.1f\n", m/1000, a[r]/1000}'; }
printf '| launcher | runs | median ms | p90 ms | ÷ first |\n|---|---|---|---|---|\n'
first=
for k in "${!launchers[@]}"; do
    read -r med p90 < <(echo "${times[$k]}" | stats)
    [ -n "$first" ] || first=$med
    printf '| %s | %s | %s | %s | %s |\n' "${names[$k]}" "$N" "$med" "$p90" "$(awk -v a="$med" -v b="$first" 'BEGIN {printf "%.2f", a / b}')"
done
EOF

echo
echo "== in a mount namespace where /usr/lib/jvm is an empty folder, without JAVA_HOME"
env -u JAVA_HOME -u JDK_JAVA_OPTIONS PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    unshare --mount --propagation private -- bash -c '
    set -euo pipefail
    mount --bind "$1" /usr/lib/jvm
    if java -version >/dev/null 2>&1; then echo "release.sh: java still runs here" >&2; exit 1; fi
    echo "\$ ls /usr/lib/jvm; java -version"; ls -A /usr/lib/jvm; java -version 2>&1 || true
    echo "\$ $2/bin/contedor --version"; "$2/bin/contedor" --version
    echo "\$ $2/bin/contedor run --rm -- echo ok"
    "$2/bin/contedor" --root "$3/state" --data-root "$3/data" run --rm -- echo ok
    echo
    echo "contedor --version, interleaved, $5 runs each (archive: $2/bin/contedor; clone: $4/contedor):"
    bash "$3/timing.sh" "$5" archive "$2/bin/contedor" clone "$4/contedor"
' bash "$TMP/empty" "$home" "$TMP" "$repo" "$N"

if [ -n "${BEFORE:-}" ]; then
    echo
    echo "== on the host, with $BEFORE as well"
    bash "$TMP/timing.sh" "$N" archive "$home/bin/contedor" clone "$repo/contedor" before "$BEFORE"
fi
