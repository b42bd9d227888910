#!/usr/bin/env bash
# link/profile.sh — regenerates link/hot.order, the order in which the linker lays out skiff's
# functions (build.rs hands it to lld in release builds).
#   sudo link/profile.sh [RELEASE_DIR]      (default: target/release; as root; needs python3)
# Why: the kernel maps 64 KiB of a binary around each page a process first touches, so code a
# verb runs that lies spread over the 11 MB of .text costs resident memory far beyond its size
# (a `run --rm` touched 473 text pages, 1.9 MB, but had ~7 MB of the binary resident). Laying
# the functions those verbs run next to each other keeps what they map small.
# How: the binaries are copied to a small file system whose device has readahead off, the page
# cache of skiff is dropped, each scenario runs as $PROFILE_USER (default skiff-ci) with a fresh
# store, and the pages of skiff then in the page cache are exactly the pages it touched; the
# text symbols on those pages, scenario by scenario, make the order (the first scenario first).
# Regenerate after large changes; stale names only lose their place (lld ignores them).
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "error: run as root (it mounts a loop file system)" >&2; exit 1; }
REPO=$(cd "$(dirname "$0")/.." && pwd)
REL=${1:-$REPO/target/release}
U=${PROFILE_USER:-skiff-ci}
uid=$(id -u "$U")
W=$(mktemp -d /tmp/skiff-profile.XXXXXX)
chmod 755 "$W"
M=$W/mnt
cleanup() {
  runuser -u "$U" -- env -i HOME="$W/home" XDG_DATA_HOME="$W/data" XDG_RUNTIME_DIR="$W/run" \
    "$M/skiff" unshare rm -rf "$W/data" >/dev/null 2>&1 || true
  [ -f "$W/run/skiff/userns.pid" ] && kill -9 "$(cut -d' ' -f1 "$W/run/skiff/userns.pid")" 2>/dev/null || true
  sleep 0.2
  umount "$M" 2>/dev/null || true
  [ -n "${LOOP:-}" ] && losetup -d "$LOOP" 2>/dev/null || true
  rm -rf "$W"
}
trap cleanup EXIT
truncate -s 256M "$W/fs.img"
mkfs.ext4 -q "$W/fs.img"
LOOP=$(losetup -f --show "$W/fs.img")
mkdir -p "$M"
mount "$LOOP" "$M"
blockdev --setra 0 "$LOOP"
echo 0 > "/sys/block/$(basename "$LOOP")/queue/read_ahead_kb"
for b in skiff skiff-monitor skiff-enter skiff-dns; do install -m 0755 "$REL/$b" "$M/$b"; done
install -m 0755 "$REPO/ci/busybox-image.sh" "$M/busybox-image.sh"
mkdir -p "$W/home" "$W/data" "$W/run"
chmod 700 "$W/run"
chown "$U" "$W/home" "$W/data" "$W/run"
sync
as_user() {
  runuser -u "$U" -- env -i HOME="$W/home" USER="$U" XDG_DATA_HOME="$W/data" XDG_RUNTIME_DIR="$W/run" \
    PATH="$M:/usr/bin:/bin:/usr/sbin:/sbin" SKIFF="$M/skiff" "$@"
}
as_user "$M/busybox-image.sh" img >/dev/null
resident() { # the page numbers of FILE in the page cache
  python3 - "$1" <<'PY'
import ctypes, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY); n = os.fstat(fd).st_size
libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
addr = libc.mmap(None, n, 1, 1, fd, 0)
vec = (ctypes.c_ubyte * ((n + 4095) // 4096))()
if libc.mincore(ctypes.c_void_p(addr), ctypes.c_size_t(n), vec) != 0:
    sys.exit("mincore failed")
print("\n".join(str(i) for i, v in enumerate(vec) if v & 1))
PY
}
scenario() { # NAME COMMAND...: the touched pages of skiff while COMMAND runs, from a cold cache
  local name=$1
  shift
  dd if="$M/skiff" iflag=nocache count=0 status=none
  as_user bash -c "set -e; $*" >"$W/out" 2>&1 || { cat "$W/out" >&2; echo "error: scenario $name failed: $*" >&2; exit 1; }
  resident "$M/skiff" > "$W/$name.pages"
  echo "$name: $(wc -l < "$W/$name.pages") pages" >&2
}
S=$M/skiff
# The user namespace holder, as in use, started by another copy of skiff: its pages are not the verbs'.
install -m 0755 "$REL/skiff" "$W/skiff-other"
as_user "$W/skiff-other" run --rm --network none img true >/dev/null
scenario run-none "$S run --rm --network none img true"
scenario run "$S run --rm img true"
scenario life "$S run -d --name prof img sleep 600; $S exec prof true; $S logs prof; $S inspect prof; $S ps -a; $S stop -t 0 prof; $S start prof; $S rm -f prof"
scenario images "$S images; $S version; $S image inspect img; $S volume create profv; $S volume ls; $S volume rm profv"
nm -S --defined-only "$REL/skiff" > "$W/syms"
readelf -SW "$REL/skiff" > "$W/sections"
python3 - "$W" run-none run life images > "$REPO/link/hot.order" <<'PY'
import re, sys
w, names = sys.argv[1], sys.argv[2:]
text = None
for line in open(f"{w}/sections"):
    m = re.search(r"\]\s+\.text\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
    if m:
        text = [int(x, 16) for x in m.groups()]  # address, offset, size
addr, off, size = text
syms = []
for line in open(f"{w}/syms"):
    p = line.split()
    if len(p) == 4 and p[2] in "tTwW":
        a, n = int(p[0], 16), int(p[1], 16)
        if addr <= a < addr + size:
            syms.append((a, max(n, 1), p[3]))
syms.sort()
seen = set()
for name in names:
    pages = {int(x) for x in open(f"{w}/{name}.pages")}
    for a, n, s in syms:
        first, last = (a - addr + off) // 4096, (a + n - 1 - addr + off) // 4096
        if s not in seen and any(p in pages for p in range(first, last + 1)):
            seen.add(s)
            print(s)
PY
echo "link/hot.order: $(wc -l < "$REPO/link/hot.order") symbols" >&2
