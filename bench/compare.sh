#!/usr/bin/env bash
# bench/compare.sh — skiff against podman, side by side in one run, as an unprivileged user.
#   SKIFF=path/to/skiff bench/compare.sh        (default: skiff on PATH, else target/release/skiff)
# As root it re-runs itself as $BENCH_USER (default: $SUDO_USER, else skiff-ci, else tester).
# Both engines get a fresh, private store (own HOME and XDG dirs; podman with overlay storage,
# cgroupfs and file events, as this machine kind has no systemd) and the same busybox image,
# built from Debian's busybox-static and imported into each. Timings: hyperfine -N (no shell),
# 3 warm-ups, 30 runs (5 for logs), medians; memory: peak RSS from /usr/bin/time. Exits 1 if a bar is missed.
# Later issues add rows: one `row` line each. ONLY=published-port or ONLY=compose runs just those rows.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")

if [ "$(id -u)" = 0 ]; then
  U=${BENCH_USER:-${SUDO_USER:-}}
  [ -n "$U" ] || { id skiff-ci >/dev/null 2>&1 && U=skiff-ci || U=tester; }
  bin=${SKIFF:-$(command -v skiff || echo "$REPO/target/release/skiff")}
  # The user may not reach root's files: copy the binary and the scripts somewhere readable.
  tmp=$(mktemp -d /tmp/skiff-bench.XXXXXX); chmod 755 "$tmp"
  install -m 0755 "$bin" "$tmp/skiff"
  install -m 0755 "$(dirname "$bin")/skiff-monitor" "$tmp/skiff-monitor"   # the monitor's loop
  install -m 0755 "$(dirname "$bin")/skiff-enter" "$tmp/skiff-enter"       # exec's sealed helper
  install -m 0755 "$(dirname "$bin")/skiff-dns" "$tmp/skiff-dns"           # user networks' DNS
  mkdir -p "$tmp/bench" "$tmp/ci" "$tmp/tests/probe"
  install -m 0644 "$REPO/tests/probe/probe.c" "$tmp/tests/probe/"          # the DNS row's client
  install -m 0755 "$0" "$tmp/bench/compare.sh"; install -m 0755 "$REPO/ci/busybox-image.sh" "$tmp/ci/"
  uid=$(id -u "$U")
  install -d -m 0700 -o "$U" -g "$(id -g "$U")" "/tmp/run-$uid"
  rc=0
  # Cgroups delegated as CI delegates them (and systemd would): the limit rows need them, and
  # every row then pays what a delegated user's containers pay.
  bash "$REPO/ci/cgroups.sh" delegate "$U"
  bash "$REPO/ci/cgroups.sh" enter "$U" runuser -u "$U" -- env -i HOME="$(getent passwd "$U" | cut -d: -f6)" USER="$U" PATH=/usr/local/bin:/usr/bin:/bin \
    XDG_RUNTIME_DIR="/tmp/run-$uid" SKIFF="$tmp/skiff" ONLY="${ONLY:-}" "$tmp/bench/compare.sh" || rc=$?
  rm -rf "$tmp"
  exit $rc
fi

for t in hyperfine podman /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "error: $t is missing (apt-get install hyperfine podman time)" >&2; exit 1; }
done
SKIFF=${SKIFF:-$(command -v skiff || echo "$REPO/target/release/skiff")}
[ -x "$SKIFF" ] || { echo "error: no skiff binary at $SKIFF (cargo build --release, or set SKIFF)" >&2; exit 1; }

W=$(mktemp -d /tmp/skiff-bench-run.XXXXXX)
export HOME=$W/home XDG_DATA_HOME=$W/data XDG_CONFIG_HOME=$W/config XDG_RUNTIME_DIR=$W/run
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME/containers" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# runroot and graphroot as podman's rootless defaults: `podman commit` (4.3) fails with
# "runroot must be set" when storage.conf names only the driver.
printf '[storage]\ndriver = "overlay"\nrunroot = "%s"\ngraphroot = "%s"\n' \
  "$XDG_RUNTIME_DIR/containers" "$XDG_DATA_HOME/containers/storage" > "$XDG_CONFIG_HOME/containers/storage.conf"
printf '[engine]\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' > "$XDG_CONFIG_HOME/containers/containers.conf"
# Kills the process a pid file names, only if it is still that process: ours, with the start
# time the file records (skiff's "PID STARTTIME") or named catatonit (podman's pause process).
kill_holder() {
  local pid start
  [ -f "$1" ] || return 0
  read -r pid start < "$1" || true
  case $pid in ''|*[!0-9]*|0|1) return 0 ;; esac
  [ "$(stat -c %u "/proc/$pid" 2>/dev/null)" = "$(id -u)" ] || return 0
  if [ -n "${start:-}" ]; then
    [ "$(sed 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f20)" = "$start" ] || return 0
  else
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = catatonit ] || return 0
  fi
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  kill_holder "$XDG_RUNTIME_DIR/libpod/tmp/pause.pid"
  # Layer files belong to subordinate ids: remove them from inside the user namespace.
  "$SKIFF" unshare rm -rf "$XDG_DATA_HOME" >/dev/null 2>&1 || podman unshare rm -rf "$XDG_DATA_HOME" >/dev/null 2>&1 || true
  kill_holder "$XDG_RUNTIME_DIR/libpod/tmp/pause.pid"
  kill_holder "$XDG_RUNTIME_DIR/skiff/userns.pid"
  rm -rf "$W" 2>/dev/null || true
}
trap cleanup EXIT

echo "skiff: $SKIFF ($("$SKIFF" --version 2>/dev/null || echo '?')); $(podman --version); $(hyperfine --version)"
ROOTFS_OUT=$W/rootfs.tar "$REPO/ci/busybox-image.sh"
"$SKIFF" import --change 'CMD ["sh"]' "$W/rootfs.tar" bench-busybox >/dev/null
podman import --change 'CMD ["sh"]' "$W/rootfs.tar" bench-busybox >/dev/null 2>&1
IMG=bench-busybox

# Any command that fails ends the script (set -e): say which, since the table prints last.
trap 'echo "bench: line $LINENO failed: $BASH_COMMAND" >&2' ERR
# podman's side of a row's setup: a failure leaves that row's podman column NaN, said on
# stderr, instead of ending the run (podman once failed a setup run here only under load).
pod() {
  podman "$@" >/dev/null 2>"$W/pod.err" || echo "bench: podman $1 failed: $(tail -n 1 "$W/pod.err")" >&2
}

# One hyperfine comparison; prints "median_skiff_ms median_podman_ms".
compare() { # NAME SKIFF_CMD PODMAN_CMD
  local csv="$W/$1.csv"
  hyperfine -N --warmup 3 --runs 30 --style none --export-csv "$csv" --export-json "$W/$1.json" \
    -n skiff "$2" -n podman "$3" >/dev/null 2>&1 || { echo "NaN NaN"; return; }
  # csv: command,mean,stddev,median,user,system,min,max (seconds)
  awk -F, 'NR>1 {printf "%.2f ", $4*1000}' "$csv"; echo
}

rows=()
bad=0
table() {
  echo
  printf '%-44s %10s %10s %8s  %-22s %s\n' "benchmark (median of 30)" skiff podman "podman/skiff" bar verdict
  printf '%s\n' "${rows[@]}"
}
row() { # LABEL SKIFF_VALUE PODMAN_VALUE UNIT BAR_TEXT OK(0/1)
  local ratio
  ratio=$(awk -v s="$2" -v p="$3" 'BEGIN { if (s+0 > 0 && p == p+0) printf "%.1fx", p/s; else print "-" }')
  rows+=("$(printf '%-44s %10s %10s %8s  %-22s %s' "$1" "$2 $4" "$3 $4" "$ratio" "$5" "$([ "$6" = 1 ] && echo ok || echo MISSED)")")
  [ "$6" = 1 ] || bad=1
}
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a+0 <= b+0 && a == a+0) }' && echo 1 || echo 0; }

# Issue 14: host -> a port published (-p) by a container on a user network: the probe's
# tcp-send of 1 GiB (median of 3) from the host to 127.0.0.1:PORT, through skiff's proxy or podman's
# rootlessport, into a tcp-sink in the container. Needs $W/probe and the network bench-net.
published_port_row() {
  port_throughput() { # PORT ENGINE... -> Gbit/s
    local port=$1; shift
    "$@" run -d --name bench-psink --network bench-net -p "127.0.0.1:$port:5001" \
      -v "$W/probe:/probe:ro" "$IMG" /probe tcp-sink 5001 >/dev/null 2>&1 || true
    # The proxy accepts before the sink listens: wait until it does (5001 is 0x1389, 0A LISTEN).
    for _ in $(seq 100); do
      "$@" exec bench-psink grep -q ':1389 00000000:0000 0A' /proc/net/tcp 2>/dev/null && break
      sleep 0.05
    done
    "$W/probe" tcp-send 127.0.0.1 "$port" 1024 2>/dev/null |
      awk -F= '/^gbit_s=/ { printf "%s", $2; ok = 1 } END { if (!ok) printf "NaN" }' || true
    "$@" rm -f bench-psink >/dev/null 2>&1 || true
  }
  # Three rounds, the engines taking turns (one transfer swings by 30% on a busy 2-core
  # machine); the medians are compared.
  local ss=() ps=() i
  for i in 1 2 3; do
    ss+=("$(port_throughput 15081 "$SKIFF")"); ps+=("$(port_throughput 15082 podman)")
  done
  s=$(printf '%s\n' "${ss[@]}" | sort -g | sed -n 2p); p=$(printf '%s\n' "${ps[@]}" | sort -g | sed -n 2p)
  echo "bench: host->published port, Gbit/s: skiff ${ss[*]}; podman ${ps[*]}" >&2
  row "TCP host->published port, 1 GiB (USERNET)" "$s" "$p" Gbit/s ">= podman (rootlessport)" \
    "$(awk -v s="$s" -v p="$p" 'BEGIN { print (s == s + 0 && (p != p + 0 || s >= p)) ? 1 : 0 }')"
}
compose_rows() {
# Issue 17: compose. The issue's three-service app (web on a bind-mounted page with a published
# port, api, db with a named volume and a health check api waits for), images present:
# `up -d` from nothing (each run after a `down`, not timed), `up -d` again with nothing
# changed, and `ps`. podman-compose (Debian's) over podman where it is installed.
C=$W/compose; mkdir -p "$C/site"; echo page > "$C/site/index.html"
cat > "$C/compose.yaml" <<YAML
services:
  web:
    image: $IMG
    init: true
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    volumes: ["./site:/www:ro"]
    ports: ["127.0.0.1:18380:8080"]
    depends_on: [api]
  api:
    image: $IMG
    init: true
    command: ["httpd", "-f", "-p", "8000", "-h", "/"]
    depends_on:
      db:
        condition: service_healthy
  db:
    image: $IMG
    init: true
    command: ["sh", "-c", "echo v > /data/v; exec httpd -f -p 5432 -h /data"]
    volumes: ["dbdata:/data"]
    healthcheck:
      test: ["CMD", "test", "-f", "/data/v"]
      interval: 100ms
volumes:
  dbdata: {}
YAML
SC="$SKIFF compose -f $C/compose.yaml"
# Without podman-compose, its commands are `true` (an executable, for hyperfine -N) and its
# column says "-".
PC=true; command -v podman-compose >/dev/null && PC="podman-compose -f $C/compose.yaml"
nopc() { [ "$PC" = true ] && echo - || echo "$1"; }
compose_up() { # NAME PREPARE SKIFF_CMD PODMAN_PREPARE PODMAN_CMD: medians of 10 (each up starts 3 containers)
  hyperfine -N --warmup 1 --runs 10 --style none --export-csv "$W/$1.csv" \
    --prepare "$2" -n skiff "$3" --prepare "$4" -n podman "$5" >/dev/null 2>&1 || { echo "NaN NaN"; return; }
  awk -F, 'NR>1 {printf "%.2f ", $4*1000}' "$W/$1.csv"; echo
}
read -r s p < <(compose_up compose-up "$SC down -t 0" "$SC up -d" "$PC down -t 0" "$PC up -d")
row "compose up -d (3 services, images present)" "$s" "$(nopc "$p")" ms "<= 500 ms" "$(le "$s" 500)"
$SC up -d >/dev/null 2>&1; $PC up -d >/dev/null 2>&1 || true
read -r s p < <(compare compose-again "$SC up -d" "$PC up -d")
row "compose up -d again, nothing changed" "$s" "$(nopc "$p")" ms "<= 50 ms" "$(le "$s" 50)"
read -r s p < <(compare compose-ps "$SC ps" "$PC ps")
row "compose ps (3 services)" "$s" "$(nopc "$p")" ms "<= 10 ms" "$(le "$s" 10)"
$SC down -v -t 0 >/dev/null 2>&1 || true; $PC down -v -t 0 >/dev/null 2>&1 || true
}
# ONLY=compose runs the compose rows alone.
if [ "${ONLY:-}" = compose ]; then
  compose_rows
  table
  exit $bad
fi
# ONLY=published-port runs that row alone (with its network and probe), for quick checks.
if [ "${ONLY:-}" = published-port ]; then
  cc -static -O2 -o "$W/probe" "$REPO/tests/probe/probe.c"
  "$SKIFF" network create bench-net >/dev/null
  podman network create bench-net >/dev/null 2>&1 || true
  published_port_row
  "$SKIFF" network rm -f bench-net >/dev/null 2>&1 || true
  podman network rm -f bench-net >/dev/null 2>&1 || true
  table
  exit $bad
fi

read -r s p < <(compare run "$SKIFF run --rm --network none $IMG true" "podman run --rm --network none $IMG true")
ok=$(( $(le "$s" 25) && $(awk -v s="$s" -v p="$p" 'BEGIN { print (s > 0 && p / s >= 6) ? 1 : 0 }') ))
row "run --rm --network none IMG true" "$s" "$p" ms "<= 25 ms and >= 6x" "$ok"
RUN_NONE=$s

# Issue 15: a memory limit (its cgroups made, the process moved into the v1 ones, removed after)
# against the plain run above. podman on this cgroup v1 host ignores -m rootless (it warns).
read -r s p < <(compare run-mem "$SKIFF run --rm --network none -m 64m $IMG true" "podman run --rm --network none -m 64m $IMG true")
row "run --rm -m 64m IMG true" "$s" "$p" ms "<= 1.3x run ($RUN_NONE)" \
  "$(awk -v s="${s:-0}" -v b="${RUN_NONE:-0}" 'BEGIN { print (s > 0 && b > 0 && s <= 1.3 * b) ? 1 : 0 }')"

# The default network (pasta, else slirp4netns) against podman's slirp4netns.
read -r s p < <(compare run-net "$SKIFF run --rm $IMG true" "podman run --rm --network slirp4netns $IMG true")
ok=$(awk -v s="$s" -v p="$p" 'BEGIN { print (s > 0 && p / s >= 4) ? 1 : 0 }')
row "run --rm IMG true (default network)" "$s" "$p" ms ">= 4x podman slirp4netns" "$ok"

# A user network (issue 14): the rootless netns lives while a container uses it, so one stays
# up on it (as in an app whose other containers come and go); bar: <= 2x --network none.
"$SKIFF" network create bench-net >/dev/null
podman network create bench-net >/dev/null 2>&1 || true
"$SKIFF" run -d --name bench-anchor --network bench-net "$IMG" sleep 600 >/dev/null
podman run -d --name bench-anchor --network bench-net "$IMG" sleep 600 >/dev/null 2>&1 || true
read -r s p < <(compare run-usernet "$SKIFF run --rm --network bench-net $IMG true" "podman run --rm --network bench-net $IMG true")
ok=$(awk -v s="$s" -v n="$RUN_NONE" 'BEGIN { print (s > 0 && s <= 2 * n) ? 1 : 0 }')
row "run --rm --network USERNET IMG true" "$s" "$p" ms "<= 2x --network none" "$ok"
# Issue 14, from containers on that network, each engine's own DNS and bridge. Name lookup:
# the probe's dns-time (100 UDP queries of the anchor's name, one at a time, median) sent to
# the nameserver the container's resolv.conf names. Throughput: the probe's tcp-send of 1 GiB
# in 256 KiB writes to a tcp-sink in another container, timed until the sink has read it all
# (busybox nc copies 1 KiB per read and is the bottleneck: < 2 Gbit/s even on host loopback).
if cc -static -O2 -o "$W/probe" "$REPO/tests/probe/probe.c" 2>/dev/null; then
  q=5a5a01000001000000000000$(printf %02x 12)$(printf bench-anchor | od -An -tx1 | tr -d ' \n')0000010001
  # shellcheck disable=SC2016
  ask='/probe dns-time 100 "$(awk "/^nameserver/ { print \$2; exit }" /etc/resolv.conf)" '"$q"
  lookup() { "$@" run --rm --network bench-net -v "$W/probe:/probe:ro" "$IMG" sh -c "$ask" 2>/dev/null |
    awk -F= '/^median_us=/ { printf "%.3f", $2 / 1000; ok = 1 } END { if (!ok) printf "NaN" }' || true; }
  s=$(lookup "$SKIFF"); p=$(lookup podman)
  row "DNS lookup from a container (USERNET)" "$s" "$p" ms "<= 1 ms median of 100" "$(le "$s" 1)"
  throughput() { # ENGINE... -> Gbit/s
    "$@" run -d --name bench-sink --network bench-net -v "$W/probe:/probe:ro" "$IMG" /probe tcp-sink 5001 >/dev/null 2>&1 || true
    local ip
    ip=$("$@" inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' bench-sink 2>/dev/null || true)
    "$@" run --rm --network bench-net -v "$W/probe:/probe:ro" "$IMG" /probe tcp-send "$ip" 5001 1024 2>/dev/null |
      awk -F= '/^gbit_s=/ { printf "%s", $2; ok = 1 } END { if (!ok) printf "NaN" }' || true
    "$@" rm -f bench-sink >/dev/null 2>&1 || true
  }
  s=$(throughput "$SKIFF"); p=$(throughput podman)
  row "TCP container->container, 1 GiB (USERNET)" "$s" "$p" Gbit/s ">= 5 Gbit/s" \
    "$(awk -v s="$s" 'BEGIN { print (s == s + 0 && s >= 5) ? 1 : 0 }')"
  published_port_row
else
  row "DNS lookup from a container (USERNET)" NaN NaN ms "<= 1 ms median of 100" 0
  row "TCP container->container, 1 GiB (USERNET)" NaN NaN Gbit/s ">= 5 Gbit/s" 0
  row "TCP host->published port, 1 GiB (USERNET)" NaN NaN Gbit/s ">= podman (rootlessport)" 0
fi
"$SKIFF" rm -f bench-anchor >/dev/null 2>&1 || true
podman rm -f bench-anchor >/dev/null 2>&1 || true
"$SKIFF" network rm bench-net >/dev/null 2>&1 || true
podman network rm bench-net >/dev/null 2>&1 || true

read -r s p < <(compare images "$SKIFF images" "podman images")
row "images" "$s" "$p" ms "<= 5 ms" "$(le "$s" 5)"

for i in $(seq 1 20); do
  "$SKIFF" create --name "bench-$i" "$IMG" true >/dev/null
  podman create --name "bench-$i" "$IMG" true >/dev/null 2>&1
done
read -r s p < <(compare ps "$SKIFF ps -a" "podman ps -a")
row "ps -a (20 containers)" "$s" "$p" ms "<= 5 ms" "$(le "$s" 5)"

# Issue 4: detached containers. 80 more created ones first, for ps -a with 100.
for i in $(seq 21 100); do
  "$SKIFF" create --name "bench-$i" "$IMG" true >/dev/null
  podman create --name "bench-$i" "$IMG" true >/dev/null 2>&1
done
read -r s p < <(compare ps100 "$SKIFF ps -a" "podman ps -a")
row "ps -a (100 containers)" "$s" "$p" ms "<= 10 ms" "$(le "$s" 10)"
"$SKIFF" rm -f $("$SKIFF" ps -aq) >/dev/null 2>&1 || true
podman rm -af >/dev/null 2>&1 || true

read -r s p < <(compare rund "$SKIFF run -d --network none $IMG sleep 600" "podman run -d --network none $IMG sleep 600")
row "run -d IMG sleep (CLI return)" "$s" "$p" ms "<= 30 ms" "$(le "$s" 30)"

"$SKIFF" run -d --name bench-exec --network none "$IMG" sleep 600 >/dev/null
pod run -d --name bench-exec --network none "$IMG" sleep 600
read -r s p < <(compare exec "$SKIFF exec bench-exec true" "podman exec bench-exec true")
row "exec CTR true" "$s" "$p" ms "<= 15 ms" "$(le "$s" 15)"
# Issue 15: stats --no-stream of 20 running containers (podman refuses stats rootless on cgroup v1).
for i in $(seq 1 19); do
  "$SKIFF" run -d --name "bench-st$i" --network none "$IMG" sleep 600 >/dev/null
  podman run -d --name "bench-st$i" --network none "$IMG" sleep 600 >/dev/null 2>&1 || true
done
if podman stats --no-stream >/dev/null 2>&1; then
  read -r s p < <(compare stats "$SKIFF stats --no-stream" "podman stats --no-stream")
else
  p=-; s=$(hyperfine -N --warmup 3 --runs 30 --style none --export-csv "$W/stats.csv" "$SKIFF stats --no-stream" >/dev/null 2>&1 &&
    awk -F, 'NR==2 {printf "%.2f", $4*1000}' "$W/stats.csv" || echo NaN)
fi
row "stats --no-stream (20 containers)" "${s:-NaN}" "${p:-NaN}" ms "<= 50 ms" "$(le "${s:-NaN}" 50)"
"$SKIFF" rm -f $(seq -f 'bench-st%g' 1 19) >/dev/null 2>&1 || true
podman rm -f $(seq -f 'bench-st%g' 1 19) >/dev/null 2>&1 || true

# Resident memory of one monitor (skiff) and one conmon (podman), with ~35 containers running:
# RSS, and PSS (shared pages divided among the processes sharing them).
mem() { # PID FIELD -> MiB
  awk -v f="$2:" '$1 == f { printf "%.2f", $2 / 1024 }' "/proc/$1/smaps_rollup" 2>/dev/null
}
mon=$(pgrep -u "$(id -u)" -x skiff-monitor | head -n 1 || true)
con=$(pgrep -u "$(id -u)" conmon | head -n 1 || true)
if [ -n "$mon" ] && [ -n "$con" ]; then
  row "monitor resident memory (RSS)" "$(mem "$mon" Rss)" "$(mem "$con" Rss)" MiB "<= 1.5 MiB" "$(le "$(mem "$mon" Rss)" 1.5)"
  row "monitor memory (PSS)" "$(mem "$mon" Pss)" "$(mem "$con" Pss)" MiB "<= 1.5 MiB" "$(le "$(mem "$mon" Pss)" 1.5)"
fi
"$SKIFF" rm -f $("$SKIFF" ps -aq) >/dev/null 2>&1 || true
podman rm -af >/dev/null 2>&1 || true

# stop -t 0 then rm of a running container (a fresh one before each run, not timed).
hyperfine --warmup 2 --runs 20 --style none --export-csv "$W/stoprm.csv" \
  --prepare "$SKIFF run -d --name bench-stop --network none $IMG sleep 600" -n skiff "$SKIFF stop -t 0 bench-stop && $SKIFF rm bench-stop" \
  --prepare "podman run -d --name bench-stop --network none $IMG sleep 600" -n podman "podman stop -t 0 bench-stop && podman rm bench-stop" \
  >/dev/null 2>&1 || true
read -r s p < <(awk -F, 'NR>1 {printf "%.2f ", $4*1000}' "$W/stoprm.csv" 2>/dev/null; echo)
row "stop -t 0 + rm" "${s:-NaN}" "${p:-NaN}" ms "< podman" "$(le "${s:-NaN}" "${p:-0}")"

# Registry rows: a local docker-registry (plain HTTP on loopback); pull into a store emptied
# before each run (rmi of the image and its layers), push to a repository emptied before each run.
if command -v docker-registry >/dev/null; then
  RPORT=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 20000) }')
  RS=$W/registry; mkdir -p "$RS"
  printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:%s\n' "$RS/data" "$RPORT" > "$RS/config.yml"
  docker-registry serve "$RS/config.yml" >"$RS/log" 2>&1 &
  RPID=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$RPORT") 2>/dev/null && break; sleep 0.1; done
  R=127.0.0.1:$RPORT/bench/busybox
  "$SKIFF" tag "$IMG" "$R" && "$SKIFF" push -q "$R" >/dev/null
  PD=$W/pull; mkdir -p "$PD/s" "$PD/p"
  # podman's own store for this row: storage.conf names absolute paths, so XDG_DATA_HOME would
  # not move it, and its rmi -a emptied the store every later row runs podman in.
  PODMAN_PD="podman --root $PD/p/storage --runroot $PD/p/run"
  hyperfine -N --warmup 2 --runs 20 --style none --export-csv "$W/pull.csv" \
    --prepare "sh -c 'XDG_DATA_HOME=$PD/s $SKIFF rmi -f $R >/dev/null 2>&1; true'" -n skiff "env XDG_DATA_HOME=$PD/s $SKIFF pull -q $R" \
    --prepare "sh -c '$PODMAN_PD rmi -a -f >/dev/null 2>&1; true'" -n podman "$PODMAN_PD pull -q --tls-verify=false $R" \
    >/dev/null 2>&1 || true
  read -r s p < <(awk -F, 'NR>1 {printf "%.2f ", $4*1000}' "$W/pull.csv" 2>/dev/null; echo)
  row "pull busybox from a local registry" "${s:-NaN}" "${p:-NaN}" ms "<= 0.5x podman" \
    "$(awk -v s="${s:-0}" -v p="${p:-0}" 'BEGIN { print (s > 0 && s <= 0.5 * p) ? 1 : 0 }')"
  podman pull -q --tls-verify=false "$R" >/dev/null 2>&1 || true
  hyperfine -N --warmup 2 --runs 20 --style none --export-csv "$W/push.csv" \
    --prepare "rm -rf $RS/data/docker/registry/v2/repositories/bench/pushed" -n skiff "$SKIFF push -q $R 127.0.0.1:$RPORT/bench/pushed" \
    --prepare "rm -rf $RS/data/docker/registry/v2/repositories/bench/pushed" -n podman "podman push -q --tls-verify=false $R 127.0.0.1:$RPORT/bench/pushed" \
    >/dev/null 2>&1 || true
  read -r s p < <(awk -F, 'NR>1 {printf "%.2f ", $4*1000}' "$W/push.csv" 2>/dev/null; echo)
  row "push busybox to an empty repository" "${s:-NaN}" "${p:-NaN}" ms "<= podman" "$(le "${s:-NaN}" "${p:-0}")"

  # Issue 10: run --rm while a pull runs. A 256 MiB layer of random (incompressible) bytes in the
  # registry is pulled and removed in a loop in the background, into the same store as the run,
  # so a download or an unpack is under way throughout; each engine is measured during its own
  # pulls. A run that waited for the pull's lock would take a whole pull (~1.5 s here); what is
  # left is the load itself (strace: no flock wait, but execve, umount and unlink slowed by the
  # loop's writeback), which hits podman as well, so the bar is podman's time under the same load.
  mkdir -p "$W/big" && head -c 256M /dev/urandom > "$W/big/blob" && tar -C "$W/big" -cf "$W/big.tar" blob
  rm -rf "$W/big"
  RB=127.0.0.1:$RPORT/bench/big
  "$SKIFF" import "$W/big.tar" "$RB" >/dev/null && "$SKIFF" push -q "$RB" >/dev/null && "$SKIFF" rmi "$RB" >/dev/null
  rm -f "$W/big.tar"
  during_pulls() { # NAME RUN_CMD PULL_CMD... : the median of RUN_CMD (ms) while PULL_CMD loops
    local name=$1 cmd=$2; shift 2
    rm -f "$W/stop-$name"
    ( while [ ! -e "$W/stop-$name" ]; do "$@" pull -q "${PULL_FLAGS[@]}" "$RB" >/dev/null 2>&1; "$@" rmi -f "$RB" >/dev/null 2>&1; done ) &
    local bg=$!
    sleep 1
    hyperfine -N --warmup 3 --runs 30 --style none --export-csv "$W/$name.csv" -n "$name" "$cmd" >/dev/null 2>&1 || true
    touch "$W/stop-$name"; wait "$bg" 2>/dev/null || true
    awk -F, 'NR>1 {printf "%.2f", $4*1000}' "$W/$name.csv" 2>/dev/null
  }
  PULL_FLAGS=()
  s=$(during_pulls slowpull-skiff "$SKIFF run --rm --network none $IMG true" "$SKIFF")
  PULL_FLAGS=(--tls-verify=false)
  p=$(during_pulls slowpull-podman "podman run --rm --network none $IMG true" podman)
  row "run --rm while a 256 MiB pull runs" "${s:-NaN}" "${p:-NaN}" ms "< podman, same load" \
    "$(le "${s:-NaN}" "${p:-0}")"
  kill "$RPID" 2>/dev/null; wait "$RPID" 2>/dev/null || true
fi

# Issue 10: names are O_EXCL files, so `create` costs the same in a store of 1,000 containers as in
# an empty one (skiff only: the podman column holds the empty store's time, the ratio is
# empty/full). Own data dirs below XDG_DATA_HOME, so cleanup removes their subuid-owned files.
CE=$XDG_DATA_HOME/create-empty CF=$XDG_DATA_HOME/create-full
for d in "$CE" "$CF"; do
  XDG_DATA_HOME=$d "$SKIFF" import --change 'CMD ["sh"]' "$W/rootfs.tar" "$IMG" >/dev/null
done
for i in $(seq 1 1000); do
  XDG_DATA_HOME=$CF "$SKIFF" create --name "c-$i" --network none "$IMG" true >/dev/null
done
hyperfine -N --warmup 3 --runs 30 --style none --export-csv "$W/create.csv" \
  -n full "env XDG_DATA_HOME=$CF $SKIFF create --network none $IMG true" \
  -n empty "env XDG_DATA_HOME=$CE $SKIFF create --network none $IMG true" >/dev/null 2>&1 || true
read -r s p < <(awk -F, 'NR>1 {printf "%.2f ", $4*1000}' "$W/create.csv" 2>/dev/null; echo)
row "create, 1,000 containers (vs empty store)" "${s:-NaN}" "${p:-NaN}" ms "<= 1.2x empty store" \
  "$(awk -v s="${s:-0}" -v p="${p:-0}" 'BEGIN { print (s > 0 && p > 0 && s <= 1.2 * p) ? 1 : 0 }')"
# ps -a of that full store (1,000 and the ones the create row added; skiff only).
n=$(XDG_DATA_HOME=$CF "$SKIFF" ps -aq | wc -l)
hyperfine -N --warmup 3 --runs 30 --style none --export-csv "$W/ps1000.csv" \
  -n skiff "env XDG_DATA_HOME=$CF $SKIFF ps -a" >/dev/null 2>&1 || true
s=$(awk -F, 'NR>1 {printf "%.2f", $4*1000}' "$W/ps1000.csv" 2>/dev/null)
row "ps -a ($n containers)" "${s:-NaN}" "-" ms "<= 20 ms" "$(le "${s:-NaN}" 20)"

# Issue 10: health checks update their own container's state under its own lock, so 30
# containers checked every second do not slow `run --rm` (bar: 1.3x of the same run idle; skiff
# only: the podman column holds the idle time). Own data dir, as above.
HD=$XDG_DATA_HOME/health
XDG_DATA_HOME=$HD "$SKIFF" import --change 'CMD ["sh"]' "$W/rootfs.tar" "$IMG" >/dev/null
hyperfine -N --warmup 3 --runs 30 --style none --export-csv "$W/hc-idle.csv" \
  -n idle "env XDG_DATA_HOME=$HD $SKIFF run --rm --network none $IMG true" >/dev/null 2>&1 || true
for i in $(seq 1 30); do
  XDG_DATA_HOME=$HD "$SKIFF" run -d --name "h-$i" --network none --health-cmd true \
    --health-interval 1s "$IMG" sleep 600 >/dev/null
done
sleep 3
hyperfine -N --warmup 3 --runs 30 --style none --export-csv "$W/hc-busy.csv" \
  -n busy "env XDG_DATA_HOME=$HD $SKIFF run --rm --network none $IMG true" >/dev/null 2>&1 || true
p=$(awk -F, 'NR>1 {printf "%.2f", $4*1000}' "$W/hc-idle.csv" 2>/dev/null)
s=$(awk -F, 'NR>1 {printf "%.2f", $4*1000}' "$W/hc-busy.csv" 2>/dev/null)
XDG_DATA_HOME=$HD "$SKIFF" rm -f $(XDG_DATA_HOME=$HD "$SKIFF" ps -aq) >/dev/null 2>&1 || true
row "run --rm, 30 health-checked (vs idle)" "${s:-NaN}" "${p:-NaN}" ms "<= 1.3x idle" \
  "$(awk -v s="${s:-0}" -v p="${p:-0}" 'BEGIN { print (s > 0 && p > 0 && s <= 1.3 * p) ? 1 : 0 }')"

# Issue 11: `logs` of a 100 MB log written by a foreground run (1,000,000 lines of 100 bytes),
# the same content in each engine's own log. Fewer runs: each reads 100 MB.
LINE=$(printf 'log line %090d' 0)
"$SKIFF" run --name bench-log --network none "$IMG" sh -c "yes '$LINE' | head -c 100000000" >/dev/null
pod run --name bench-log --network none "$IMG" sh -c "yes '$LINE' | head -c 100000000"
hyperfine -N --warmup 1 --runs 5 --style none --export-csv "$W/logs.csv" \
  -n skiff "$SKIFF logs bench-log" -n podman "podman logs bench-log" >/dev/null 2>&1 || true
read -r s p < <(awk -F, 'NR>1 {printf "%.2f ", $4*1000}' "$W/logs.csv" 2>/dev/null; echo)
row "logs of a 100 MB foreground log" "${s:-NaN}" "${p:-NaN}" ms "<= 0.5x podman" \
  "$(awk -v s="${s:-0}" -v p="${p:-0}" 'BEGIN { print (s > 0 && s <= 0.5 * p) ? 1 : 0 }')"
"$SKIFF" rm -f bench-log >/dev/null 2>&1 || true
podman rm -f bench-log >/dev/null 2>&1 || true

# Issue 12: commit of a stopped container that wrote one small file (each run makes a new image,
# as the timestamp differs; the tag moves to it).
"$SKIFF" run --name bench-commit --network none "$IMG" sh -c 'echo changed > /changed' >/dev/null
pod run --name bench-commit --network none "$IMG" sh -c 'echo changed > /changed'
read -r s p < <(compare commit "$SKIFF commit bench-commit bench-committed" "podman commit -q bench-commit bench-committed")
row "commit CTR (one small file changed)" "$s" "$p" ms "< podman" "$(le "$s" "$p")"
"$SKIFF" rm -f bench-commit >/dev/null 2>&1 || true
podman rm -f bench-commit >/dev/null 2>&1 || true

# Issue 12: build of three steps on a local base (FROM, RUN, COPY): a fully cached rebuild, and
# --no-cache (every step runs: the RUN's container, both layers stored).
BC=$W/build-ctx
mkdir -p "$BC"
printf 'FROM %s\nRUN echo x > /x\nCOPY f /f\n' "$IMG" > "$BC/Dockerfile"
echo f > "$BC/f"
"$SKIFF" build -q -t bench-built "$BC" >/dev/null
pod build -q -t bench-built "$BC"
read -r s p < <(compare build "$SKIFF build -q -t bench-built $BC" "podman build -q -t bench-built $BC")
row "build, 3 steps, fully cached" "$s" "$p" ms "<= 40 ms" "$(le "$s" 40)"
read -r s p < <(compare build-nc "$SKIFF build -q --no-cache -t bench-built $BC" "podman build -q --no-cache -t bench-built $BC")
row "build, 3 steps, --no-cache" "$s" "$p" ms "<= 0.5x podman" \
  "$(awk -v s="${s:-0}" -v p="${p:-0}" 'BEGIN { print (s > 0 && s <= 0.5 * p) ? 1 : 0 }')"

# Issue 13: cp of a 100 MiB directory tree (100 directories of 10 files of 100 KiB) into a
# running container and back out, against `tar c | tar x` of the same tree on the same disk
# (bar: 1.5x of tar; the podman column is `podman cp` in the same run). Each run overwrites the
# previous run's copy, as tar does. Fewer runs: each moves 100 MiB.
CT=$W/cp-src/tree
for d in $(seq 1 100); do
  mkdir -p "$CT/d$d"
  for f in $(seq 1 10); do head -c 102400 /dev/urandom > "$CT/d$d/f$f"; done
done
mkdir -p "$W/cp-tar" "$W/cp-out-s" "$W/cp-out-p"
"$SKIFF" run -d --name bench-cp --network none "$IMG" sleep 600 >/dev/null
pod run -d --name bench-cp --network none "$IMG" sleep 600
cp_rows() { # NAME SKIFF_CMD PODMAN_CMD LABEL
  hyperfine -N --warmup 1 --runs 10 --style none --export-csv "$W/$1.csv" \
    -n tar "sh -c 'tar -C $W/cp-src -cf - tree | tar -C $W/cp-tar -xf -'" \
    -n skiff "$2" -n podman "$3" >/dev/null 2>&1 || true
  local t s p
  read -r t s p < <(awk -F, 'NR>1 {printf "%.2f ", $4*1000}' "$W/$1.csv" 2>/dev/null; echo)
  row "$4 (tar: ${t:-NaN} ms)" "${s:-NaN}" "${p:-NaN}" ms "<= 1.5x tar c | tar x" \
    "$(awk -v s="${s:-0}" -v t="${t:-0}" 'BEGIN { print (s > 0 && t > 0 && s <= 1.5 * t) ? 1 : 0 }')"
}
cp_rows cp-in "$SKIFF cp $CT bench-cp:/tmp" "podman cp $CT bench-cp:/tmp" "cp 100 MiB tree into a container"
cp_rows cp-out "$SKIFF cp bench-cp:/tmp/tree $W/cp-out-s" "podman cp bench-cp:/tmp/tree $W/cp-out-p" \
  "cp 100 MiB tree out of a container"
"$SKIFF" rm -f bench-cp >/dev/null 2>&1 || true
podman rm -f bench-cp >/dev/null 2>&1 || true
rm -rf "$W/cp-src" "$W/cp-tar" "$W/cp-out-s" "$W/cp-out-p"
# Issue 13: a run with a named volume (made and copied into by the warm-up; each run mounts it)
# against skiff's own run without one (the first row, same --network none).
"$SKIFF" volume create bench-vol >/dev/null
pod volume create bench-vol
read -r s p < <(compare volume "$SKIFF run --rm --network none -v bench-vol:/d $IMG true" "podman run --rm --network none -v bench-vol:/d $IMG true")
row "run --rm -v NAME:/d IMG true" "$s" "$p" ms "<= 1.3x run ($RUN_NONE)" \
  "$(awk -v s="${s:-0}" -v b="${RUN_NONE:-0}" 'BEGIN { print (s > 0 && b > 0 && s <= 1.3 * b) ? 1 : 0 }')"
"$SKIFF" volume rm bench-vol >/dev/null 2>&1 || true
podman volume rm bench-vol >/dev/null 2>&1 || true
# Issue 12: a 20-step Dockerfile fully cached (every step a cache hit: the keys, the cache
# entries and the index are all a rebuild reads).
B20=$W/build20
mkdir -p "$B20"
{
  echo "FROM $IMG"
  for i in $(seq 1 6); do
    echo "RUN echo $i > /r$i"
    echo "COPY f$i /c$i"
    echo "ENV E$i=$i"
  done
  echo 'LABEL bench=20'
} > "$B20/Dockerfile"
for i in $(seq 1 6); do echo "$i" > "$B20/f$i"; done
"$SKIFF" build -q -t bench-20 "$B20" >/dev/null
pod build -q -t bench-20 "$B20"
read -r s p < <(compare build20 "$SKIFF build -q -t bench-20 $B20" "podman build -q -t bench-20 $B20")
row "build, 20 steps, fully cached" "$s" "$p" ms "<= 60 ms" "$(le "$s" 60)"

# Issue 12: COPY of a 100 MiB / 10,000-file context (--no-cache: hashed, packed, stored and
# unpacked) against tar c | tar x of it on the same disk, and its cached rebuild (the content
# hashed again, nothing written). Fewer runs: each moves 100 MiB.
BIG=$W/build-big
mkdir -p "$BIG/ctx"
for d in $(seq 0 99); do  # 100 dirs of 100 random files of ~10 KiB
  mkdir -p "$BIG/ctx/d$d"
  head -c 1048576 /dev/urandom | split -b 10486 -a 2 -d - "$BIG/ctx/d$d/f"
done
printf 'FROM %s\nCOPY ctx /ctx/\n' "$IMG" > "$BIG/Dockerfile"
slow() { # NAME CMD PREPARE -> median ms of 5 runs
  hyperfine -N --warmup 1 --runs 5 --style none --export-csv "$W/$1.csv" ${3:+--prepare "$3"} "$2" >/dev/null 2>&1 || { echo NaN; return; }
  awk -F, 'NR==2 {printf "%.2f", $4*1000}' "$W/$1.csv"
}
t=$(slow tarcx "sh -c 'tar -C $BIG/ctx -cf - . | tar -C $W/tarx -xf -'" "sh -c 'rm -rf $W/tarx; mkdir $W/tarx'")
rm -rf "$W/tarx"
# Each run's image replaces the last under the tag: prune the old one between runs (not timed).
s=$(slow copybig "$SKIFF build -q --no-cache -t bench-big $BIG" "$SKIFF builder prune -a -f")
row "build COPY 100 MiB/10k files (vs tar|tar)" "$s" "$t" ms "<= 1.5x tar c | tar x" \
  "$(awk -v s="${s:-0}" -v t="${t:-0}" 'BEGIN { print (s > 0 && t > 0 && s <= 1.5 * t) ? 1 : 0 }')"
s=$(slow copybig-cached "$SKIFF build -q -t bench-big $BIG")
p=$(slow copybig-cached-podman "podman build -q -t bench-big $BIG")
row "build COPY 100 MiB/10k files, cached" "$s" "$p" ms "<= 500 ms" "$(le "$s" 500)"

# Issue 14: skiff-dns's answer for a container name: median of 100 UDP queries sent one at a
# time by the test probe (`dns-time`) from an address of the network, in a user + network
# namespace of its own (from a container, add the veth hop).
dns_latency() { # -> ms, or NaN
  local dns ns
  dns="$(dirname "$SKIFF")/skiff-dns"
  [ -x "$dns" ] && cc -static -O2 -o "$W/probe" "$REPO/tests/probe/probe.c" 2>/dev/null || { echo NaN; return; }
  mkdir -p "$W/dns" && mkfifo "$W/dns-ready"
  printf '{"name":"b","subnets":["10.89.7.0/24"],"records":[{"id":"0123456789abcdef","ips":["10.89.7.2"],"names":["db"]}]}' >"$W/dns/b.json"
  # shellcheck disable=SC2016
  ns='PATH=$PATH:/usr/sbin:/sbin; ip link set lo up && ip addr add 10.89.7.1/24 dev lo || exit 1
    "$1" --dir "$2/dns" --ready-fd 3 3>"$2/dns-ready" & pid=$!
    head -c1 "$2/dns-ready" >/dev/null
    "$2/probe" dns-time 100 10.89.7.1 5a5a010000010000000000000264620000010001
    kill $pid'
  unshare --map-root-user --net sh -c "$ns" sh "$dns" "$W" |
    awk -F= '/^median_us=/ { printf "%.3f", $2 / 1000; ok = 1 } END { if (!ok) printf "NaN" }'
}
s=$(dns_latency)
row "DNS lookup of a container name (skiff-dns)" "$s" "-" ms "<= 1 ms median of 100" "$(le "$s" 1)"
# Issue 16: version and info answered from the store (podman info is ~100 ms here), and
# `events --stream=false` over 10,000 events: each engine's own log, made of one real event of
# its own (a volume create) repeated 10,000 times (writing 10,000 events with podman takes long).
read -r s p < <(compare version "$SKIFF version" "podman version")
row "version" "$s" "$p" ms "<= 3 ms" "$(le "$s" 3)"
read -r s p < <(compare info "$SKIFF info" "podman info")
row "info" "$s" "$p" ms "<= 10 ms" "$(le "$s" 10)"
"$SKIFF" volume create bench-ev >/dev/null
pod volume create bench-ev
SEV=$XDG_DATA_HOME/skiff/events.log
PEV=$(find "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME/containers" -name events.log 2>/dev/null | head -n 1)
for f in "$SEV" "$PEV"; do
  [ -f "$f" ] || continue
  line=$(tail -n 1 "$f"); for _ in $(seq 1 10000); do printf '%s\n' "$line"; done > "$f.new" && mv "$f.new" "$f"
done
read -r s p < <(compare events "$SKIFF events --stream=false" "podman events --stream=false")
row "events --stream=false, 10,000 events" "$s" "$p" ms "<= 50 ms" "$(le "$s" 50)"

peak() { # peak RSS in MiB, largest of 5 runs
  local m=0 k
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f '%M' -o "$W/rss" "$@" >/dev/null 2>&1 || true
    k=$(tail -n 1 "$W/rss")
    [ "${k:-0}" -gt "$m" ] 2>/dev/null && m=$k
  done
  awk -v k="$m" 'BEGIN { printf "%.1f", k / 1024 }'
}
s=$(peak "$SKIFF" run --rm --network none "$IMG" true)
p=$(peak podman run --rm --network none "$IMG" true)
row "peak RSS of run (max of 5)" "$s" "$p" MiB "<= 8 MiB" "$(le "$s" 8)"
# Issue 12: peak memory of a build: the 20-step one with --no-cache (every RUN's container, every
# layer packed and stored), and the 100 MiB COPY.
s=$(peak "$SKIFF" build -q --no-cache -t bench-20 "$B20")
p=$(peak podman build -q --no-cache -t bench-20 "$B20")
row "peak RSS of build, 20 steps --no-cache" "$s" "$p" MiB "<= 32 MiB" "$(le "$s" 32)"
s=$(peak "$SKIFF" build -q --no-cache -t bench-big "$BIG")
p=$(peak podman build -q --no-cache -t bench-big "$BIG")
row "peak RSS of build, COPY 100 MiB" "$s" "$p" MiB "<= 32 MiB" "$(le "$s" 32)"

# Issue 16: system df of a store with 20 images (sharing one layer) and 50 containers, in a data
# dir of its own for skiff (podman: its store gets the same images and containers).
DF=$XDG_DATA_HOME/df
for i in $(seq 1 20); do
  XDG_DATA_HOME=$DF "$SKIFF" import --change "ENV I=$i" "$W/rootfs.tar" "df-$i" >/dev/null
  podman import --change "ENV I=$i" "$W/rootfs.tar" "df-$i" >/dev/null 2>&1
done
for i in $(seq 1 50); do
  XDG_DATA_HOME=$DF "$SKIFF" create --network none "df-$(( i % 20 + 1 ))" true >/dev/null
  podman create --network none "df-$(( i % 20 + 1 ))" true >/dev/null 2>&1
done
read -r s p < <(compare df "env XDG_DATA_HOME=$DF $SKIFF system df" "podman system df")
row "system df (20 images, 50 containers)" "$s" "$p" ms "<= 30 ms" "$(le "$s" 30)"
podman rm -af >/dev/null 2>&1 || true

compose_rows

table
exit $bad
