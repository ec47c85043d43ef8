#!/usr/bin/env bash
# Resource-limit checks of issue 3 and device control of issue 10, run against the contedor CLI as a user would run it.
# Works on a cgroup v2 (unified) host and on a v1/hybrid host: the layout is detected by what
# exists under /sys/fs/cgroup. Prints one "PASS name: details" / "FAIL name: details" line per
# check, then "N passed, M failed"; exits 0 only if every check passed. Needs root.
#
# Env: CONTEDOR     the launcher to test (default: this checkout's ./contedor)
#      RUN_TIMEOUT  seconds one contedor run may take before it counts as a hang (default 60)
#      RESPONSIVE_MS  worst host fork+exec latency allowed while (a) runs (default 1000)
#      SETTLE_MS    wait after a container's cgroup appears before CPU sampling (default 500)
#      C_BUSY       seconds of busy loop for (c) (default 3)
#      D_BUSY       seconds of busy loop for each container of (d) (default 6)
#      TOLERANCE    allowed relative error of (c) and (d), in percent (default 15)
set -uo pipefail

CONTEDOR=${CONTEDOR:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)/contedor}
RUN_TIMEOUT=${RUN_TIMEOUT:-60}
RESPONSIVE_MS=${RESPONSIVE_MS:-1000}
SETTLE_MS=${SETTLE_MS:-500}
C_BUSY=${C_BUSY:-3}
D_BUSY=${D_BUSY:-6}
TOLERANCE=${TOLERANCE:-15}
CG=/sys/fs/cgroup

[ "$(id -u)" = 0 ] || { echo "checks.sh: run as root (contedor creates namespaces and cgroups)" >&2; exit 2; }
[ -x "$CONTEDOR" ] || { echo "checks.sh: $CONTEDOR is not an executable contedor launcher (set CONTEDOR)" >&2; exit 2; }

T=$(mktemp -d /tmp/contedor-checks.XXXXXX)
PREFIX="cg2chk-$$"            # every --cgroup-parent of this run starts with it; (e) looks for it
PASSED=0 FAILED=0
cleanup() { rm -rf --one-file-system "$T" 2>/dev/null; }
trap cleanup EXIT

now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }          # no fork
ms_since() { echo $(( ($(now_us) - $1) / 1000 )); }
report() {   # report PASS|FAIL name details
    if [ "$1" = PASS ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
    echo "$1 $2: $3"
}
why_text() { local w=${1# }; echo "${w%;}"; }
permille_str() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
within() {   # within VALUE EXPECTED (both permille): |VALUE-EXPECTED| <= TOLERANCE% of EXPECTED
    local d=$(($1 - $2)); [ $d -lt 0 ] && d=$((-d))
    [ $((d * 100)) -le $(($2 * TOLERANCE)) ]
}

# ---- cgroup layout ----
if [ -f "$CG/cgroup.controllers" ]; then
    LAYOUT=v2
else
    LAYOUT=v1
    # mount point of the v1 hierarchy that has controller $1 (cpu and cpuacct may share one)
    v1_mount() {
        local dev mnt type opts rest
        while read -r dev mnt type opts rest; do
            [ "$type" = cgroup ] && [[ ,$opts, == *,"$1",* ]] && { echo "$mnt"; return 0; }
        done < /proc/self/mounts
        return 1
    }
    for c in cpu cpuacct pids memory; do
        m=$(v1_mount "$c") || { echo "checks.sh: no cgroup v1 hierarchy with the $c controller and no cgroup v2 at $CG" >&2; exit 2; }
        printf -v "V1_$c" '%s' "$m"
    done
fi

# folder of controller $1 (cpu|cpuacct|pids|memory) for cgroup parent $2
base_of() { if [ $LAYOUT = v2 ]; then echo "$CG/$2"; else local v="V1_$1"; echo "${!v}/$2"; fi; }

# wait until a 64-hex container folder with a task in it exists under $1; print its path
wait_container() {
    local base=$1 deadline=$(( $(now_us) + RUN_TIMEOUT * 1000000 )) d p
    while [ "$(now_us)" -lt $deadline ]; do
        for d in "$base"/*; do
            [[ ${d##*/} =~ ^[0-9a-f]{64}$ ]] || continue
            read -r p 2>/dev/null < "$d/cgroup.procs" && [ -n "$p" ] && { echo "$d"; return 0; }
        done
        sleep 0.05
    done
    return 1
}

# CPU time used by container folder $1 (id under the parent), in microseconds; fails once it is gone
cpu_usage_us() {
    local id=$1 k v
    if [ $LAYOUT = v2 ]; then
        while read -r k v; do [ "$k" = usage_usec ] && { echo "$v"; return 0; }; done 2>/dev/null < "$id/cpu.stat"
        return 1
    fi
    read -r v 2>/dev/null < "$id/cpuacct.usage" || return 1
    echo $((v / 1000))
}

# container-side busy loop for $1 seconds, without forks (time from /proc/uptime, centiseconds)
busy_loop() {
    printf '%s' 'read u _ </proc/uptime; u=${u%.*}${u#*.}; end=$((u+'"$(($1 * 100))"'));'
    printf '%s' ' while [ $u -lt $end ]; do read u _ </proc/uptime; u=${u%.*}${u#*.}; done'
}

contedor() {
    timeout -k 10 "$RUN_TIMEOUT" "$CONTEDOR" --data-root "$T/data" --root "$T/run" "$@"
}

echo "# contedor checks: cgroup $LAYOUT, $(uname -r), $(nproc) CPUs, CONTEDOR=$CONTEDOR, RUN_TIMEOUT=${RUN_TIMEOUT}s"
T_ALL=$(now_us)

# ---- (a) --pids-limit 50 ----
check_pids() {
    local parent="$PREFIX-a" t0 rc out="$T/a.err" pid base id peak=0 samples=0 worst=0 v t1 limit="?" why=""
    base=$(base_of pids "$parent")
    t0=$(now_us)
    contedor run --rm --cgroup-parent "$parent" --pids-limit 50 -- \
        sh -c "sh -c 'i=0; while [ \$i -lt 200 ]; do sleep 5 & i=\$((i+1)); done' 2>/dev/null; sleep 3" \
        >/dev/null 2>"$out" &
    pid=$!
    if id=$(wait_container "$base"); then
        read -r limit 2>/dev/null < "$id/pids.max"
        while kill -0 $pid 2>/dev/null; do
            if read -r v 2>/dev/null < "$id/pids.current"; then
                samples=$((samples + 1)); [ "$v" -gt $peak ] && peak=$v
            fi
            t1=$(now_us); /bin/true; t1=$(( ($(now_us) - t1) / 1000 ))   # host fork+exec latency, ms
            [ $t1 -gt $worst ] && worst=$t1
            sleep 0.1
        done
    fi
    wait $pid; rc=$?
    local el=$(ms_since $t0)
    [ -z "${id:-}" ] && why+=" container cgroup never appeared under $base;"
    [ $rc = 124 ] || [ $rc = 137 ] && why+=" contedor did not finish within ${RUN_TIMEOUT}s (hang);"
    [ $rc = 0 ] || why+=" exit $rc (expected 0);"
    [ "$limit" = 50 ] || why+=" pids.max was '$limit';"
    [ $peak -le 50 ] || why+=" peak pids.current $peak > 50;"
    [ $peak -ge 40 ] || why+=" peak pids.current $peak: the limit was never approached;"
    [ $worst -le $RESPONSIVE_MS ] || why+=" host fork+exec took ${worst} ms (> ${RESPONSIVE_MS});"
    grep -q refused "$out" && grep -qF 'pids limit (50)' "$out" || why+=" no 'refused ... pids limit (50)' on stderr;"
    local line; line=$(grep -m1 refused "$out"); line=${line:-$(tail -n1 "$out")}
    local d="exit $rc in ${el} ms, pids.max $limit, peak pids.current $peak over $samples samples, worst host fork+exec ${worst} ms, stderr: \"$line\""
    if [ -z "$why" ]; then report PASS pids-limit "$d"; else report FAIL pids-limit "$(why_text "$why") -- $d"; fi
}

# ---- (b) -m 64m, dd with a 256M buffer ----
check_memory() {
    local parent="$PREFIX-b" t0 rc out="$T/b.err" why=""
    t0=$(now_us)
    contedor run --rm --cgroup-parent "$parent" -m 64m -- dd if=/dev/zero of=/dev/null bs=256M count=1 \
        >/dev/null 2>"$out"
    rc=$?
    local el=$(ms_since $t0)
    [ $rc = 137 ] || why+=" exit $rc (expected 137);"
    grep -q 'killed for memory' "$out" || why+=" no 'killed for memory' on stderr;"
    local line; line=$(grep -m1 'killed for memory' "$out"); line=${line:-$(grep -v '^Picked up' "$out" | tail -n1)}
    local d="exit $rc in ${el} ms, stderr: \"$line\""
    if [ -z "$why" ]; then report PASS memory-oom "$d"; else report FAIL memory-oom "$(why_text "$why") -- $d"; fi
}

# ---- (c) --cpus 0.5 ----
check_cpus() {
    local parent="$PREFIX-c" t0 rc pid base id why="" quota="?" u0 w0 u1 w1 u w rate
    base=$(base_of cpuacct "$parent")
    t0=$(now_us)
    contedor run --rm --cgroup-parent "$parent" --cpus 0.5 -- sh -c "$(busy_loop "$C_BUSY")" >/dev/null 2>"$T/c.err" &
    pid=$!
    if id=$(wait_container "$base"); then
        if [ $LAYOUT = v2 ]; then read -r quota < "$id/cpu.max"
        else local q p; read -r q < "$(base_of cpu "$parent")/${id##*/}/cpu.cfs_quota_us"
             read -r p < "$(base_of cpu "$parent")/${id##*/}/cpu.cfs_period_us"; quota="$q $p"; fi
        sleep "$(printf '%d.%03d' $((SETTLE_MS / 1000)) $((SETTLE_MS % 1000)))"
        if u0=$(cpu_usage_us "$id"); then
            w0=$(now_us); u1=$u0; w1=$w0
            # keep the sample before the last: the last interval may hold the loop's end and exit
            local pu=$u0 pw=$w0
            while u=$(cpu_usage_us "$id"); do w=$(now_us); u1=$pu; w1=$pw; pu=$u; pw=$w; sleep 0.1; done
        fi
    fi
    wait $pid; rc=$?
    local el=$(ms_since $t0)
    [ -z "${id:-}" ] && why+=" container cgroup never appeared under $base;"
    [ $rc = 0 ] || why+=" exit $rc (expected 0): $(grep -v '^Picked up' "$T/c.err" | tail -n1);"
    local win=$(( (${w1:-0} - ${w0:-0}) / 1000 ))
    if [ $win -ge 500 ]; then
        rate=$(( (u1 - u0) * 1000 / (w1 - w0) ))
        within $rate 500 || why+=" used $(permille_str $rate) CPU (expected 0.500 ±${TOLERANCE}%);"
    else
        rate=0; why+=" sampled only ${win} ms of the busy loop (need >= 500; raise C_BUSY);"
    fi
    local d="$(permille_str $rate) CPU over ${win} ms of cgroup usage (quota '$quota'), exit $rc in ${el} ms"
    if [ -z "$why" ]; then report PASS cpus-quota "$d"; else report FAIL cpus-quota "$(why_text "$why") -- $d"; fi
}

# ---- (d) --cpu-shares 512 vs 1024 on one CPU, same parent ----
check_shares() {
    local parent="$PREFIX-d" t0 why="" base p1 p2 rc1 rc2 ids=() id lo="" hi="" wlo wfile
    base=$(base_of cpuacct "$parent")
    t0=$(now_us)
    contedor run --rm --cgroup-parent "$parent" --cpuset-cpus 0 --cpu-shares 512 -- sh -c "$(busy_loop "$D_BUSY")" \
        >/dev/null 2>"$T/d1.err" &
    p1=$!
    contedor run --rm --cgroup-parent "$parent" --cpuset-cpus 0 --cpu-shares 1024 -- sh -c "$(busy_loop "$D_BUSY")" \
        >/dev/null 2>"$T/d2.err" &
    p2=$!
    # wait for both container folders, each with a task
    local deadline=$(( $(now_us) + RUN_TIMEOUT * 1000000 )) d v
    while [ "$(now_us)" -lt $deadline ]; do
        ids=()
        for d in "$base"/*; do
            [[ ${d##*/} =~ ^[0-9a-f]{64}$ ]] || continue
            read -r v 2>/dev/null < "$d/cgroup.procs" && [ -n "$v" ] && ids+=("$d")
        done
        [ ${#ids[@]} -ge 2 ] && break
        kill -0 $p1 2>/dev/null && kill -0 $p2 2>/dev/null || break
        sleep 0.05
    done
    # which is which: by its weight file (v2 cpu.weight 20 / 39, v1 cpu.shares 512 / 1024)
    local wl="" wh=""
    for id in "${ids[@]}"; do
        if [ $LAYOUT = v2 ]; then wfile="$id/cpu.weight"; else wfile="$(base_of cpu "$parent")/${id##*/}/cpu.shares"; fi
        read -r v 2>/dev/null < "$wfile" || continue
        case "$LAYOUT:$v" in
            v2:20|v1:512) lo=$id; wl=$v ;;
            v2:39|v1:1024) hi=$id; wh=$v ;;
        esac
    done
    local ulo0 uhi0 ulo1 uhi1 w0 w1 a b win=0 ratio=0 share=0
    if [ -n "$lo" ] && [ -n "$hi" ]; then
        sleep "$(printf '%d.%03d' $((SETTLE_MS / 1000)) $((SETTLE_MS % 1000)))"
        if ulo0=$(cpu_usage_us "$lo") && uhi0=$(cpu_usage_us "$hi"); then
            w0=$(now_us); ulo1=$ulo0; uhi1=$uhi0; w1=$w0
            # sample while both still run; keep the sample before the last (the last interval
            # may hold the end of one loop, after which the other runs alone)
            local pa=$ulo0 pb=$uhi0 pw=$w0 w
            while a=$(cpu_usage_us "$lo") && b=$(cpu_usage_us "$hi"); do
                w=$(now_us); ulo1=$pa; uhi1=$pb; w1=$pw; pa=$a; pb=$b; pw=$w
                sleep 0.1
            done
        fi
        win=$(( (w1 - w0) / 1000 ))
    else
        why+=" did not find both containers with weights 20/39 (v2) or 512/1024 (v1) under $base (found ${#ids[@]}: weights '${wl}' '${wh}');"
    fi
    wait $p1; rc1=$?; wait $p2; rc2=$?
    local el=$(ms_since $t0)
    [ $rc1 = 0 ] || why+=" --cpu-shares 512 container exit $rc1: $(grep -v '^Picked up' "$T/d1.err" | tail -n1);"
    [ $rc2 = 0 ] || why+=" --cpu-shares 1024 container exit $rc2: $(grep -v '^Picked up' "$T/d2.err" | tail -n1);"
    if [ -n "$lo" ] && [ -n "$hi" ]; then
        if [ $win -ge 500 ] && [ $((uhi1 - uhi0)) -gt 0 ]; then
            ratio=$(( (ulo1 - ulo0) * 1000 / (uhi1 - uhi0) ))
            share=$(( (ulo1 - ulo0 + uhi1 - uhi0) * 1000 / (w1 - w0) ))
            within $ratio 500 || why+=" 512:1024 usage ratio $(permille_str $ratio) (expected 0.500 ±${TOLERANCE}%);"
        else
            why+=" both ran together for only ${win} ms of sampling (need >= 500; raise D_BUSY);"
        fi
    fi
    local d="usage ratio 512:1024 = $(permille_str $ratio) (weights $wl/$wh) over ${win} ms together, both together $(permille_str $share) CPU, exits $rc1/$rc2, ${el} ms"
    if [ -z "$why" ]; then report PASS cpu-shares "$d"; else report FAIL cpu-shares "$(why_text "$why") -- $d"; fi
}

# ---- (f) device control (issue 10): v1 devices controller, or on cgroup v2 the eBPF program ----
# A default container may mknod any device (docker's "c *:* m") but not open one outside docker's
# list: here the serial console, c 4:64. With --device /dev/ttyS0 it is made and may be written.
check_devices() {
    local why="" out="$T/f.out" rc rc2 t0 el_default
    t0=$(now_us)
    contedor run --rm -- sh -c \
        'mknod /dev/serial-copy c 4 64 && echo made; (echo contedor-device-check > /dev/serial-copy) 2>&1 && echo opened || echo refused' \
        >"$out" 2>&1
    rc=$?
    el_default=$(ms_since $t0)
    [ $rc = 0 ] || why+=" default container exit $rc;"
    grep -qx made "$out" || why+=" mknod c 4:64 was refused (docker allows mknod);"
    grep -q 'Operation not permitted' "$out" || why+=" no EPERM opening c 4:64;"
    grep -qx refused "$out" || why+=" the default container opened c 4:64;"
    local line; line=$(grep -m1 'Operation not permitted' "$out")
    local given=""
    if [ -c /dev/ttyS0 ]; then
        contedor run --rm --device /dev/ttyS0 -- sh -c \
            '(echo contedor-device-check > /dev/ttyS0) 2>&1 && echo written || echo refused' >"$T/f2.out" 2>&1
        rc2=$?
        [ $rc2 = 0 ] && grep -qx written "$T/f2.out" || why+=" --device /dev/ttyS0 not writable (exit $rc2: $(tail -n1 "$T/f2.out"));"
        given=", --device /dev/ttyS0 written"
    else
        why+=" no /dev/ttyS0 to give with --device;"
    fi
    # no timing here: a run costs seconds under qemu, the program's load + attach well under a
    # millisecond (DeviceProgramKernelTest measures it on the host's cgroup2 hierarchy)
    local d="default: \"$line\"$given; default run ${el_default} ms ($LAYOUT)"
    if [ -z "$why" ]; then report PASS device-control "$d"; else report FAIL device-control "$(why_text "$why") -- $d"; fi
}

# ---- (e) nothing of the checks left under /sys/fs/cgroup ----
check_cleanup() {
    local left
    left=$(find "$CG" -maxdepth 4 -type d -name "$PREFIX-*" 2>/dev/null | sort)
    if [ -z "$left" ]; then
        report PASS cgroup-cleanup "no folder named $PREFIX-* under $CG"
    else
        report FAIL cgroup-cleanup "left behind: $(echo $left)"
        # tidy up what is empty, deepest first (fails harmlessly on folders with tasks)
        find "$CG" -maxdepth 4 -depth -type d -path "*/$PREFIX-*" -exec rmdir {} \; 2>/dev/null
    fi
}

for c in check_pids check_memory check_cpus check_shares check_devices check_cleanup; do
    $c
done
echo "# total $(ms_since $T_ALL) ms"
echo "$PASSED passed, $FAILED failed"
[ $FAILED = 0 ]
