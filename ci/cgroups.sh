#!/usr/bin/env bash
# Delegates cgroups to a user as a host administrator would (no systemd here), so skiff's
# resource limits run for real in the tests (see skiff-run(1), RESOURCE LIMITS):
#   cgroups.sh delegate USER      as root: a cgroup owned by USER under this process's own, in
#                                 every v1 hierarchy of a controller skiff uses and in the v2 one
#                                 (what systemd's user@.service gets: the directory, cgroup.procs,
#                                 cgroup.subtree_control and cgroup.threads are the user's)
#   cgroups.sh enter USER CMD...  as root: moves this process into USER's cgroups, then execs CMD
#                                 (the user's session placed in its delegated subtree)
set -euo pipefail
mode=$1 user=$2; shift 2
uid=$(id -u "$user") gid=$(id -g "$user")

# "DIR" for each hierarchy this process is in: v1 ones of the controllers below, and v2.
dirs() {
  local id ctrls path mnt c
  while IFS=: read -r id ctrls path; do
    if [ -z "$ctrls" ]; then
      mnt=$(awk '$9 == "cgroup2" {print $5; exit}' /proc/self/mountinfo)
    else
      case ",$ctrls," in
        *,memory,*|*,cpu,*|*,pids,*|*,cpuset,*|*,freezer,*|*,blkio,*) ;;
        *) continue ;;
      esac
      c=${ctrls%%,*}
      mnt=$(awk -v c="$c" '$9 == "cgroup" { n = split($NF, o, ","); for (i = 1; i <= n; i++) if (o[i] == c) { print $5; exit } }' /proc/self/mountinfo)
    fi
    [ -n "$mnt" ] && [ -d "$mnt$path" ] && echo "${mnt}${path%/}/$user"
  done < /proc/self/cgroup
}

case $mode in
  delegate)
    for d in $(dirs); do
      mkdir -p "$d"
      # A v1 cpuset cgroup takes no process until its sets are filled in.
      if [ -f "$d/cpuset.cpus" ] && [ -z "$(cat "$d/cpuset.cpus")" ]; then
        cat "$d/../cpuset.cpus" > "$d/cpuset.cpus"; cat "$d/../cpuset.mems" > "$d/cpuset.mems"
      fi
      chown "$uid:$gid" "$d"
      for f in cgroup.procs tasks cgroup.subtree_control cgroup.threads; do
        [ -e "$d/$f" ] && chown "$uid:$gid" "$d/$f"
      done
    done
    ;;
  enter)
    for d in $(dirs); do
      [ -d "$d" ] && echo $$ > "$d/cgroup.procs"
    done
    exec "$@"
    ;;
  *) echo "usage: cgroups.sh delegate|enter USER [CMD...]" >&2; exit 2 ;;
esac
