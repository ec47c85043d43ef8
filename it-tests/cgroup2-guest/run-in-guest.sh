#!/usr/bin/env bash
# Boot a throwaway cgroup-v2-only guest (qemu, see QEMU_VM) that sees this host's file system
# read-only, and run checks.sh in it against the contedor of the checkout this script lives in.
# Exit status: that of checks.sh in the guest (0: all passed), or the VM script's own on failure.
#
# Env: QEMU_VM  the VM script (default: qemu-cgroup2-vm.sh beside this script, the repository's copy)
#      TIMEOUT  seconds the whole guest may run (default 360)
#      GUEST_RUN_TIMEOUT, GUEST_RESPONSIVE_MS, GUEST_SETTLE_MS, GUEST_C_BUSY, GUEST_D_BUSY:
#               checks.sh's RUN_TIMEOUT, RESPONSIVE_MS, SETTLE_MS, C_BUSY, D_BUSY in the guest
#      plus MEM, SMP, VMDIR, ACCEL of the VM script (passed through as they are)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
repo=$(cd "$here/../.." && pwd)
QEMU_VM=${QEMU_VM:-$here/qemu-cgroup2-vm.sh}
[ -f "$QEMU_VM" ] || { echo "run-in-guest.sh: VM script $QEMU_VM not found (set QEMU_VM)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run-in-guest.sh: run as root" >&2; exit 2; }
[ -x "$repo/cli/target/contedor/bin/contedor" ] || {
    echo "run-in-guest.sh: $repo is not built (the guest sees it read-only and cannot build): run ./contedor once, or mvn install" >&2
    exit 2
}

# The guest runs the command with an empty environment (env -i), so set everything here.
# -XX:UseAVX=0: the JVM dies of SIGILL under qemu TCG otherwise.
cmd=$(printf 'export JAVA_TOOL_OPTIONS=-XX:UseAVX=0 CONTEDOR=%q RUN_TIMEOUT=%q RESPONSIVE_MS=%q SETTLE_MS=%q C_BUSY=%q D_BUSY=%q\nbash %q\n' \
    "$repo/contedor" "${GUEST_RUN_TIMEOUT:-90}" "${GUEST_RESPONSIVE_MS:-3000}" "${GUEST_SETTLE_MS:-1000}" \
    "${GUEST_C_BUSY:-5}" "${GUEST_D_BUSY:-12}" "$here/checks.sh")

echo "# run-in-guest: repo $repo, VM $QEMU_VM, TIMEOUT ${TIMEOUT:-360}s" >&2
# The guest mounts tmpfs on /tmp, /run, /var/tmp and /root, hiding a checkout there (CI's may
# be): share the checkout in explicitly, at its own path.
RW_DIRS="$repo ${RW_DIRS:-}" TIMEOUT=${TIMEOUT:-360} exec bash "$QEMU_VM" "$cmd"
