#!/usr/bin/env bash
# bench/startup.sh: times starting a container that runs /bin/true, in one busybox root
# filesystem, with contedor, runc, crun, bubblewrap and unshare+chroot, in one run.
#
# Usage (as root, from anywhere):
#   bash bench/startup.sh [N] [--allow-hugetlb-v1] [--csv]
#
#   N                    back-to-back runs per runtime after 3 warm-ups (default 30)
#   --allow-hugetlb-v1   if crun refuses the hybrid cgroup layout, mount hugetlb as a cgroup
#                        v1 hierarchy at /sys/fs/cgroup/hugetlb so crun can run. This moves
#                        hugetlb off cgroup2 for every runtime while the benchmark runs; it is
#                        given back to cgroup2 at exit (umount of the v1 hierarchy).
#   --csv                also save every run as CSV in bench/out/startup-<date>.csv
#                        (same as BENCH_CSV=1; BENCH_CSV=/some/file.csv picks the file)
# Environment: IDLE_RUNS (default 10) and IDLE_GAP seconds (default 1) for the idle mode;
#   SKIP="rt ..." leaves runtimes out (e.g. SKIP=contedor); CONTEDOR=path times another launcher.
#
# Modes: "b2b" = N runs back to back after 3 warm-ups; "idle" = IDLE_RUNS runs, each after
# `sleep IDLE_GAP` (on cgroup v1 the first write to cgroup.procs after an idle spell costs
# an RCU grace period). Each run's wall time is measured here with bash's $EPOCHREALTIME
# around the command (no extra fork), so every runtime pays the same harness cost.
set -uo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
repo=$(dirname "$here")
CONTEDOR=${CONTEDOR:-$repo/contedor}     # the launcher to time (default: this checkout's)

N=30
allow_hugetlb=0
csv=${BENCH_CSV:-}
for a in "$@"; do
    case "$a" in
        --allow-hugetlb-v1) allow_hugetlb=1 ;;
        --csv) csv=1 ;;
        -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
        ''|*[!0-9]*) echo "startup.sh: unknown argument '$a' (try --help)" >&2; exit 2 ;;
        *) N=$a ;;
    esac
done
[ "$N" -ge 1 ] 2>/dev/null || { echo "startup.sh: N must be >= 1" >&2; exit 2; }
IDLE_RUNS=${IDLE_RUNS:-10}
IDLE_GAP=${IDLE_GAP:-1}
WARMUP=3
[ "$(id -u)" = 0 ] || { echo "startup.sh: run as root" >&2; exit 2; }
for t in runc crun bwrap unshare chroot jq; do
    command -v "$t" >/dev/null || echo "startup.sh: note: $t not found; its row will fail" >&2
done
[ -x /bin/busybox ] || { echo "startup.sh: /bin/busybox missing (apt-get install busybox-static)" >&2; exit 2; }

# ---------------------------------------------------------------- temp folder and cleanup
# a short path keeps every runtime's socket paths well under sun_path's 107 characters
TMP=$(mktemp -d /tmp/ctdbench.XXXXXX)
tag="ctdbench$$"          # prefix of every runc/crun container id of this run
cleanup() {
    local leak=0 id p
    for rt in runc crun; do
        command -v "$rt" >/dev/null || continue
        [ -d "$TMP/state-$rt" ] || continue
        for id in $("$rt" --root "$TMP/state-$rt" list -q 2>/dev/null); do
            echo "LEAK: $rt container $id left; deleting" >&2; leak=1
            "$rt" --root "$TMP/state-$rt" delete -f "$id" >/dev/null 2>&1
        done
    done
    for p in /proc/[0-9]*; do
        case "$(readlink "$p/root" 2>/dev/null)" in
            "$TMP"/*) echo "LEAK: process ${p#/proc/} still runs in the bench rootfs; killing it" >&2
                      leak=1; kill -9 "${p#/proc/}" 2>/dev/null ;;
        esac
    done
    # never let rm cross into a mount: unmount leftovers, and rm stays on one file system
    while read -r mp; do
        echo "LEAK: mount $mp left; unmounting" >&2; leak=1
        umount -l "$mp" 2>/dev/null
    done < <(awk -v t="$TMP" 'index($5, t) == 1 {print $5}' /proc/self/mountinfo | sort -r)
    for d in $(find /sys/fs/cgroup -mindepth 2 -maxdepth 4 -type d -name "*$tag*" 2>/dev/null); do
        echo "LEAK: cgroup $d left; removing" >&2; leak=1; rmdir "$d" 2>/dev/null
    done
    rm -rf --one-file-system "$TMP"
    # give hugetlb back to cgroup2 if this run moved it: an unmounted v1 hierarchy without
    # child cgroups is destroyed and its controller returns to the unified hierarchy
    if [ -n "${mounted_now:-}" ]; then
        if umount /sys/fs/cgroup/hugetlb 2>/dev/null && rmdir /sys/fs/cgroup/hugetlb 2>/dev/null; then
            echo "hugetlb is back on cgroup2 (the host's layout as before this run)"
        else
            echo "startup.sh: could not give hugetlb back to cgroup2 (umount /sys/fs/cgroup/hugetlb)" >&2
        fi
    fi
    [ "$leak" = 0 ] || echo "startup.sh: leaks were found (see above)" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- rootfs and bundle
ROOTFS=$TMP/bundle/rootfs
mkdir -p "$ROOTFS"/{bin,proc,sys,dev,etc,tmp} "$TMP/raw" "$TMP/log" "$TMP/state-runc" "$TMP/state-crun" \
         "$TMP/cs" "$TMP/cd"
cp /bin/busybox "$ROOTFS/bin/busybox"
ln -s busybox "$ROOTFS/bin/true"
ln -s busybox "$ROOTFS/bin/sh"
(cd "$TMP/bundle" && runc spec) 2>/dev/null || echo "startup.sh: runc spec failed; runc/crun rows will fail" >&2
if [ -f "$TMP/bundle/config.json" ]; then
    jq --arg r "$ROOTFS" '.process.args=["/bin/true"] | .process.terminal=false | .root.path=$r' \
        "$TMP/bundle/config.json" > "$TMP/bundle/config.json.new" && mv "$TMP/bundle/config.json.new" "$TMP/bundle/config.json"
fi

# ---------------------------------------------------------------- runtimes
seq_id=0
run_contedor() { "$CONTEDOR" --root "$TMP/cs" --data-root "$TMP/cd" run --rm --rootfs "$ROOTFS" -- /bin/true; }
run_runc()     { seq_id=$((seq_id + 1)); runc --root "$TMP/state-runc" run --bundle "$TMP/bundle" "$tag-r$seq_id"; }
run_crun()     { seq_id=$((seq_id + 1)); crun --root "$TMP/state-crun" run --bundle "$TMP/bundle" "$tag-c$seq_id"; }
run_bwrap()    { bwrap --unshare-all --bind "$ROOTFS" / --proc /proc --dev /dev /bin/true; }
run_unshare()  { unshare -m -i -n -p -u -f chroot "$ROOTFS" /bin/true; }
RUNTIMES=(contedor runc crun bwrap unshare)

declare -A status    # runtime -> "ok" or why it was not timed
declare -A fails     # runtime.mode -> failed timed runs

# one timed run: appends microseconds to raw/<rt>.<mode>, or counts a failure
timed() {
    local rt=$1 mode=$2 t0 t1 rc
    t0=${EPOCHREALTIME/./}
    "run_$rt" </dev/null >>"$TMP/log/$rt.err" 2>&1     # /bin/true prints nothing; errors are kept
    rc=$?
    t1=${EPOCHREALTIME/./}
    if [ $rc = 0 ]; then
        echo $((t1 - t0)) >> "$TMP/raw/$rt.$mode"
    else
        fails[$rt.$mode]=$(( ${fails[$rt.$mode]:-0} + 1 ))
        echo "(exit $rc)" >> "$TMP/log/$rt.err"
    fi
    return $rc
}

# ---------------------------------------------------------------- machine
cg_layout() {
    local v2 hug
    v2=$(cat /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null || true)
    if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then echo "cgroup v2 only"; return; fi
    mountpoint -q /sys/fs/cgroup/hugetlb && hug=", hugetlb on v1" || hug=""
    echo "hybrid: v1 controllers + cgroup2 at /sys/fs/cgroup/unified (controllers: ${v2:-none})$hug"
}
java_ver() {
    local j
    for j in "${JAVA_HOME:-/nonexistent}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
        [ -x "$j/bin/java" ] && { "$j/bin/java" -version 2>&1 | head -1; return; }
    done
    echo "no JDK 25 found"
}
echo "== contedor start-up benchmark: /bin/true in a busybox rootfs"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:  $(nproc) cpus, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kernel:   $(uname -r)"
echo "cgroups:  $(cg_layout)"
echo "runc:     $(runc --version 2>/dev/null | head -1)"
echo "crun:     $(crun --version 2>/dev/null | head -1)"
echo "bwrap:    $(bwrap --version 2>/dev/null)"
echo "unshare:  $(unshare --version 2>/dev/null)"
echo "contedor: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null)$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo '+dirty'), $(java_ver)"
echo "runs:     back-to-back N=$N after $WARMUP warm-ups; idle $IDLE_RUNS runs each after sleep $IDLE_GAP"

# ---------------------------------------------------------------- probes (one untimed run each)
probe() {
    local rt=$1
    if "run_$rt" </dev/null >"$TMP/log/$rt.probe" 2>&1; then status[$rt]=ok; return 0; fi   # stdout too: JVM start errors go there
    return 1
}
echo
echo "probing (contedor builds itself on first use; that can take a minute)..."
for rt in "${RUNTIMES[@]}"; do
    case " ${SKIP:-} " in *" $rt "*) status[$rt]="skipped (SKIP)"; continue ;; esac
    if probe "$rt"; then continue; fi
    if [ "$rt" = crun ] && grep -q "hybrid mode not supported" "$TMP/log/crun.probe"; then
        if [ "$allow_hugetlb" = 1 ]; then
            echo "NOTE: --allow-hugetlb-v1: mounting hugetlb as cgroup v1 at /sys/fs/cgroup/hugetlb so crun accepts"
            echo "      this host. This moves hugetlb off cgroup2 for every runtime until the run ends."
            echo "      (The kernel refuses once something enabled hugetlb in cgroup2's subtree_control.)"
            if ! mountpoint -q /sys/fs/cgroup/hugetlb; then
                mkdir -p /sys/fs/cgroup/hugetlb
                if mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb; then
                    mounted_now=1
                else
                    echo "      the mount failed; crun stays refused"
                    rmdir /sys/fs/cgroup/hugetlb 2>/dev/null
                fi
            fi
            echo "      cgroups now: $(cg_layout)"
            probe crun && continue
        fi
        status[crun]="refused on hybrid layout (see --allow-hugetlb-v1)"
        continue
    fi
    sed -i 's/\x1b\[[0-9;]*m//g' "$TMP/log/$rt.probe"      # no colour codes in the report
    msg=$(grep -m1 -E '^(Error|error|ERROR|contedor:)' "$TMP/log/$rt.probe" || grep -v '^[[:space:]]*$' "$TMP/log/$rt.probe" | tail -1)
    status[$rt]="FAILED: $(echo "$msg" | cut -c1-100)"
    [ -s "$TMP/log/$rt.probe" ] || status[$rt]="FAILED (no message)"
done
if [ "${status[crun]:-}" = ok ] && [ -z "${mounted_now:-}" ] && mountpoint -q /sys/fs/cgroup/hugetlb; then
    echo "NOTE: hugetlb is already mounted as cgroup v1 on this host (changed earlier; umount /sys/fs/cgroup/hugetlb undoes it);"
    echo "      that is why crun runs here. This run changed nothing."
fi

# ---------------------------------------------------------------- measure
echo "measuring back-to-back..."
for rt in "${RUNTIMES[@]}"; do
    [ "${status[$rt]}" = ok ] || continue
    for ((i = 0; i < WARMUP; i++)); do "run_$rt" </dev/null >/dev/null 2>&1; done
    for ((i = 0; i < N; i++)); do timed "$rt" b2b; done
done
echo "measuring with idle gaps (${IDLE_RUNS} x sleep ${IDLE_GAP}s per runtime)..."
for ((i = 0; i < IDLE_RUNS; i++)); do     # interleaved: every runtime sees the same idle spells
    for rt in "${RUNTIMES[@]}"; do
        [ "${status[$rt]}" = ok ] || continue
        sleep "$IDLE_GAP"
        timed "$rt" idle
    done
done

# ---------------------------------------------------------------- report
# stats FILE -> "median_ms p90_ms n" (p90 = nearest rank)
stats() {
    sort -n "$1" | awk '{v[NR]=$1} END {
        if (NR == 0) { print "- - 0"; exit }
        m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2
        r = int(0.9 * NR); if (r < 0.9 * NR) r++
        printf "%.2f %.2f %d\n", m / 1000, v[r] / 1000, NR }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "n/a"; else printf "%.2f\n", a / b }'; }

declare -A med p90 cnt
for mode in b2b idle; do
    for rt in "${RUNTIMES[@]}"; do
        if [ -s "$TMP/raw/$rt.$mode" ]; then read -r med[$rt.$mode] p90[$rt.$mode] cnt[$rt.$mode] < <(stats "$TMP/raw/$rt.$mode")
        else med[$rt.$mode]=-; p90[$rt.$mode]=-; cnt[$rt.$mode]=0; fi
    done
done
echo
printf '%-9s %-5s %6s %9s %9s %12s %10s  %s\n' runtime mode ok "median ms" "p90 ms" "contedor/rt" "rt/crun" note
printf '%s\n' "-----------------------------------------------------------------------------"
for mode in b2b idle; do
    want=$N; [ $mode = idle ] && want=$IDLE_RUNS
    for rt in "${RUNTIMES[@]}"; do
        k=$rt.$mode
        note=""
        [ "${status[$rt]}" = ok ] || note=${status[$rt]}
        [ "${fails[$k]:-0}" = 0 ] || note="${fails[$k]} run(s) failed; see below"
        printf '%-9s %-5s %6s %9s %9s %12s %10s  %s\n' "$rt" "$mode" "${cnt[$k]}/$want" "${med[$k]}" "${p90[$k]}" \
            "$(ratio "${med[contedor.$mode]}" "${med[$k]}")" "$(ratio "${med[$k]}" "${med[crun.$mode]}")" "$note"
    done
done
echo "contedor/rt = contedor's median / that runtime's median (same mode); rt/crun = that runtime's median / crun's."
for rt in "${RUNTIMES[@]}"; do
    if [ "${status[$rt]}" != ok ] && [ -s "$TMP/log/$rt.probe" ] && [ "$rt" != crun -o "${status[crun]:0:7}" != refused ]; then
        echo; echo "$rt: the probe run failed; its last output lines:"
        tail -n 6 "$TMP/log/$rt.probe" | cut -c1-200 | sed 's/^/  /'
    elif [ -s "$TMP/log/$rt.err" ]; then
        echo; echo "$rt: errors during timed runs (last lines):"; tail -n 8 "$TMP/log/$rt.err" | sed 's/^/  /'
    fi
done

# ---------------------------------------------------------------- contedor's own costs
# The engine's cost per container inside one warm JVM (spec, plan, stage spawn, clone, mounts,
# pivot_root, exec, exit, cleanup: no JVM start), and the CLI's cold start (a JVM that parses
# its command line and exits: `contedor --version`), against crun's back-to-back median.
if [[ " ${SKIP:-} " != *" contedor "* ]] && [ "${status[contedor]}" = ok ]; then
    dist="$repo/cli/target/contedor"
    java_bin=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
    [ -x "$java_bin" ] || java_bin=java
    echo
    engine=$("$java_bin" -cp "$dist/lib/contedor-cli.jar" -Dcontedor.home="$dist" @"$dist/lib/jvm.args" "$here/EngineBenchmark.java" "$ROOTFS" 100 "$TMP/engine" 2>/dev/null | tail -1)
    engine_med=$(sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' <<<"$engine")
    echo "$engine  (engine/crun b2b: $(ratio "$engine_med" "${med[crun.b2b]:--}"))"
    run_cli_version() { "$CONTEDOR" --version; }
    for i in $(seq "$N"); do timed cli_version b2b >/dev/null; done
    read -r cli_med cli_p90 cli_n < <(stats "$TMP/raw/cli_version.b2b")
    echo "CLI cold start (contedor --version, $cli_n runs): median $cli_med ms, p90 $cli_p90 ms"
fi

# ---------------------------------------------------------------- CSV
if [ -n "$csv" ]; then
    if [ "$csv" = 1 ]; then mkdir -p "$here/out"; csv="$here/out/startup-$(date -u +%Y%m%dT%H%M%SZ).csv"; fi
    {
        echo "date,kernel,nproc,runtime,mode,run,ms"
        d=$(date -u +%Y-%m-%dT%H:%M:%SZ); k=$(uname -r); c=$(nproc)
        for f in "$TMP"/raw/*; do
            [ -e "$f" ] || continue
            b=$(basename "$f"); awk -v d="$d" -v k="$k" -v c="$c" -v rt="${b%.*}" -v m="${b##*.}" \
                '{printf "%s,%s,%s,%s,%s,%d,%.3f\n", d, k, c, rt, m, NR, $1 / 1000}' "$f"
        done
    } > "$csv"
    echo; echo "raw results: $csv"
fi

# runc/crun must have deleted every container they ran
left=$( (runc --root "$TMP/state-runc" list -q; crun --root "$TMP/state-crun" list -q) 2>/dev/null | grep -c . )
[ "$left" = 0 ] && echo "check: runc list and crun list are empty" || echo "check: $left runc/crun container(s) left (cleaned up on exit)"
# contedor run --rm must leave its state folder empty
[ -z "$(ls -A "$TMP/cs" 2>/dev/null)" ] || echo "check: contedor left state in --root: $(ls -A "$TMP/cs" | head -3 | tr '\n' ' ')"
