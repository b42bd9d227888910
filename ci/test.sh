#!/usr/bin/env bash
# ci/test.sh — README's test command and what .ci/run calls. Run as root (or via sudo):
#   1. installs what the tests need (Debian packages);
#   2. prepares the host as a distro would for rootless containers (see DEVELOPERS.md);
#   3. checks formatting and lints (cargo fmt, cargo clippy -D warnings);
#   4. builds the tests as root (the toolchain lives under /root, which other users cannot read)
#      into a nextest archive;
#   5. runs them as an unprivileged user with a subuid range, and the single-id tests as a second
#      user without one — rootless is the product, so no test runs as root.
# Idempotent: safe to run again on the same machine. Exits non-zero if anything failed; the last
# line is "tests: N passed, N failed".
set -uo pipefail

if [ "$(id -u)" != 0 ]; then
  exec sudo --preserve-env=CI "$0" "$@"
fi

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${SKIFF_CI_WORK:-/tmp/skiff-ci}
MAIN_USER=${SKIFF_CI_USER:-skiff-ci}
NOSUB_USER=${SKIFF_CI_NOSUB_USER:-skiff-ci-nosub}
export PATH="$HOME/.cargo/bin:/root/.cargo/bin:/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin"
export DEBIAN_FRONTEND=noninteractive CARGO_TERM_COLOR=never
failures=()
step() { printf '\n==> %s\n' "$*"; }

# ---- 1. packages -------------------------------------------------------------------------------
# uidmap: newuidmap/newgidmap (setuid) for the subordinate id range; busybox-static: the test
# images; gcc + libc6-dev: the static probe; util-linux: script(1) for -t tests; podman, skopeo,
# buildah, umoci: interop tests; docker-registry: the registry tests of later issues; passt,
# slirp4netns: networking; dnsmasq-base + iproute2: the host resolver of the DNS tests (in a
# namespace of their own); libseccomp-dev + pkg-config: building skiff; hyperfine + time: bench;
# zsh + fish: the completion tests (bash's is always there).
PKGS="uidmap busybox-static passt slirp4netns skopeo podman buildah umoci libseccomp-dev pkg-config
      gcc libc6-dev docker-registry apache2-utils hyperfine time util-linux tar gzip zstd procps
      dnsmasq-base iproute2 zsh fish"
step "apt packages"
missing=()
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y "${missing[@]}" || { apt-get update && apt-get install -y "${missing[@]}"; } \
    || { echo "cannot install: ${missing[*]}" >&2; exit 1; }
fi
command -v cargo >/dev/null || { echo "cargo not found (install Rust with rustup)" >&2; exit 1; }
if ! command -v cargo-nextest >/dev/null; then
  step "cargo install cargo-nextest"
  cargo install --locked cargo-nextest || { echo "cannot install cargo-nextest" >&2; exit 1; }
  cp "$(command -v cargo-nextest)" /usr/local/bin/ 2>/dev/null || true
fi
NEXTEST=$(command -v cargo-nextest)
# The test users must reach it: install a copy where they can.
case $NEXTEST in /usr/*|/bin/*) ;; *) install -m 0755 "$NEXTEST" /usr/local/bin/cargo-nextest; NEXTEST=/usr/local/bin/cargo-nextest ;; esac

# ---- 2. users and host -------------------------------------------------------------------------
step "users and host preparation"
ensure_user() {
  id "$1" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$1" || exit 1
}
# The first free start for a new subordinate range in FILE (after every range there).
free_start() {
  awk -F: 'BEGIN{m=100000} NF==3 {e=$2+$3; if (e>m) m=e} END{print m}' "$1" 2>/dev/null || echo 100000
}
ensure_range() { # USER FILE
  grep -q "^$1:" "$2" 2>/dev/null || echo "$1:$(free_start "$2"):65536" >> "$2"
}
ensure_user "$MAIN_USER"
ensure_user "$NOSUB_USER"
touch /etc/subuid /etc/subgid
ensure_range "$MAIN_USER" /etc/subuid
ensure_range "$MAIN_USER" /etc/subgid
# useradd gives new users a range; the single-id user must have none (by name or by uid).
NOSUB_UID=$(id -u "$NOSUB_USER")
sed -i -e "/^$NOSUB_USER:/d" -e "/^$NOSUB_UID:/d" /etc/subuid /etc/subgid
for u in "$MAIN_USER" "$NOSUB_USER"; do
  # An XDG runtime dir, as logind would make it (none runs here).
  install -d -m 0700 -o "$u" -g "$(id -g "$u")" "/tmp/run-$(id -u "$u")"
done
# Without udev, /dev/net/tun is root-only; Debian's udev rules make it 0666 (pasta/slirp4netns).
if [ ! -c /dev/net/tun ]; then mkdir -p /dev/net && mknod /dev/net/tun c 10 200; fi
chmod 0666 /dev/net/tun
[ -c /dev/fuse ] && chmod 0666 /dev/fuse
# cgroup v1 "hybrid" hosts: crun (podman's runtime) refuses while cgroup2 holds a controller;
# binding hugetlb to a v1 hierarchy empties cgroup2's list (see shared/fixtures/prep-rootless-host.sh).
if [ -f /sys/fs/cgroup/unified/cgroup.controllers ] \
   && grep -qw hugetlb /sys/fs/cgroup/unified/cgroup.controllers \
   && ! mountpoint -q /sys/fs/cgroup/hugetlb; then
  mkdir -p /sys/fs/cgroup/hugetlb && mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb
fi
# Resource limits need a delegated cgroup: the main test user gets one in every hierarchy, as an
# administrator would (ci/cgroups.sh); the no-subuid user gets none, so the tests also see a
# host without delegation.
bash "$REPO/ci/cgroups.sh" delegate "$MAIN_USER"

# Test stores left by earlier runs: kill their namespace holders (by pid file, only if the pid
# is still the user's process that the file names), remove them.
clean_test_stores() {
  local u uid f pid start
  for u in "$MAIN_USER" "$NOSUB_USER"; do
    uid=$(id -u "$u") || continue
    for f in /tmp/skiff-"$uid"/*/run/skiff/userns.pid /tmp/skiff-"$uid"/*/run/libpod/tmp/pause.pid; do
      [ -f "$f" ] || continue
      read -r pid start < "$f" || true
      case $pid in ''|*[!0-9]*|0|1) continue ;; esac
      [ "$(stat -c %u "/proc/$pid" 2>/dev/null)" = "$uid" ] || continue
      if [ -n "${start:-}" ]; then
        [ "$(sed 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f20)" = "$start" ] || continue
      fi
      kill -9 "$pid" 2>/dev/null
    done
    rm -rf "/tmp/skiff-$uid"
  done
}
clean_test_stores

# ---- 3. format and lints -----------------------------------------------------------------------
cd "$REPO" || exit 1
# A merge's leftover conflict markers broke bench/compare.sh once, unnoticed: no test runs it.
step "no conflict markers; the shell scripts parse"
if grep -rnE '^(<<<<<<<|>>>>>>>)( |$)' --include='*.rs' --include='*.sh' --include='*.md' --include='*.toml' "$REPO"/src "$REPO"/tests "$REPO"/bench "$REPO"/ci "$REPO"/*.md "$REPO"/Cargo.toml; then
  failures+=("conflict markers")
fi
for f in "$REPO"/bench/*.sh "$REPO"/ci/*.sh; do bash -n "$f" || failures+=("bash -n $f"); done
step "cargo fmt --check"
cargo fmt --all -- --check || failures+=("cargo fmt")
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings || failures+=("cargo clippy")

# ---- 4. build ----------------------------------------------------------------------------------
step "build the test archive (as root)"
rm -rf "$WORK"
mkdir -p "$WORK/src"
if ! cargo nextest archive --archive-file "$WORK/tests.tar.zst"; then
  echo "build failed" >&2
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
# A copy of the checkout the test users can read (the clone may be under /root): the tests read
# tests/probe/probe.c, man/ and completions/ from it.
tar -C "$REPO" --exclude=./target --exclude=./.git -cf - . | tar -C "$WORK/src" -xf -
chmod -R a+rX "$WORK"

# ---- 5. run as the users -----------------------------------------------------------------------
passed=0 failed=0
run_tests() { # USER FILTER
  local u=$1 filter=$2 uid home log ext
  uid=$(id -u "$u"); home=$(getent passwd "$u" | cut -d: -f6)
  log="$WORK/nextest-$u.log"; ext="$WORK/extract-$u"
  install -d -m 0700 -o "$u" -g "$(id -g "$u")" "$ext"
  step "tests as $u ($filter)"
  local enter=()
  [ "$u" = "$MAIN_USER" ] && enter=(bash "$REPO/ci/cgroups.sh" enter "$u")
  (cd "$WORK/src" && "${enter[@]}" runuser -u "$u" -- env -i \
      HOME="$home" USER="$u" LOGNAME="$u" SHELL=/bin/sh LANG=C.UTF-8 CI=true \
      PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin XDG_RUNTIME_DIR="/tmp/run-$uid" \
      RUST_BACKTRACE=1 NEXTEST_HIDE_PROGRESS_BAR=1 \
      "$NEXTEST" nextest run --archive-file "$WORK/tests.tar.zst" --workspace-remap "$WORK/src" \
        --extract-to "$ext" --no-fail-fast --test-threads 4 --color never -E "$filter") 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local summary p f t
  summary=$(grep -E '^ *Summary ' "$log" | tail -n 1)
  p=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || true)
  f=$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || true)
  t=$(grep -oE '[0-9]+ timed out' <<<"$summary" | grep -oE '[0-9]+' || true)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${t:-0}))
  if [ "$rc" != 0 ]; then
    failures+=("tests as $u")
    [ -z "$summary" ] && failed=$((failed + 1))   # nextest failed before running anything
  fi
}
run_tests "$MAIN_USER" 'not test(/single_id::/)'
run_tests "$NOSUB_USER" 'test(/single_id::/)'
clean_test_stores

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "FAILED: ${failures[*]}"
fi
echo "tests: $passed passed, $failed failed"
[ ${#failures[@]} -eq 0 ]
