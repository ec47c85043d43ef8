#!/usr/bin/env bash
# Fetches Debian's busybox-static package and unpacks what contedor ships of it into OUT:
#   OUT/busybox     the static binary (the built-in root filesystem's every tool)
#   OUT/copyright   its licence notice (GPL-2), shipped beside it
#   OUT/version     the package version, e.g. 1:1.35.0-4+b3
# The build runs it (rootfs module); nothing runs apt while a container starts.
# Usage: fetch-busybox.sh OUT     (does nothing when OUT already holds all three)
set -euo pipefail
out=${1:?usage: fetch-busybox.sh OUT}
pkg=busybox-static

if [ -x "$out/busybox" ] && [ -s "$out/copyright" ] && [ -s "$out/version" ]; then
    exit 0
fi
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || {
    echo "fetch-busybox: apt-get and dpkg-deb are needed to fetch Debian's $pkg (a Debian or Ubuntu build host)" >&2
    exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
download() { (cd "$work" && apt-get download -q "$pkg" >/dev/null 2>"$work/apt.err"); }
if ! download; then
    # a fresh machine may never have read its package lists; only root can
    if [ "$(id -u)" = 0 ]; then
        echo "fetch-busybox: apt-get download $pkg failed; reading the package lists (apt-get update) and trying again" >&2
        apt-get update -q >/dev/null 2>>"$work/apt.err" || true
        download || { cat "$work/apt.err" >&2; echo "fetch-busybox: cannot download Debian's $pkg (see apt's words above)" >&2; exit 1; }
    else
        cat "$work/apt.err" >&2
        echo "fetch-busybox: cannot download Debian's $pkg; run 'apt-get update' as root, then build again" >&2
        exit 1
    fi
fi

deb=$(ls "$work"/${pkg}_*.deb)
dpkg-deb -x "$deb" "$work/root"
[ -x "$work/root/bin/busybox" ] || { echo "fetch-busybox: $deb holds no bin/busybox" >&2; exit 1; }
mkdir -p "$out"
# copy to temp names first, so that an interrupted build never leaves a half-written binary
cp -p "$work/root/bin/busybox" "$out/busybox.tmp"
cp "$work/root/usr/share/doc/$pkg/copyright" "$out/copyright.tmp"
dpkg-deb -f "$deb" Version > "$out/version.tmp"
mv "$out/busybox.tmp" "$out/busybox"
mv "$out/copyright.tmp" "$out/copyright"
mv "$out/version.tmp" "$out/version"
echo "fetch-busybox: $pkg $(cat "$out/version") unpacked into $out" >&2
