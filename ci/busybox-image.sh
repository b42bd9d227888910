#!/bin/sh
# ci/busybox-image.sh [NAME]   (as the user who will run containers; default NAME: busybox)
# ROOTFS_OUT=FILE ci/busybox-image.sh   only writes the root file system tar to FILE (bench/).
# Makes a busybox image with skiff's own verbs, without a registry: a root file system from
# Debian's busybox-static (one symlink per applet, as `busybox --install -s` would make inside
# the image), passwd/group, then `skiff import` with CMD ["sh"]. README's first command uses it.
set -eu
NAME=${1:-busybox}
SKIFF=${SKIFF:-skiff}
[ -x /bin/busybox ] || { echo "error: /bin/busybox is missing; apt-get install busybox-static" >&2; exit 1; }
R=$(mktemp -d "${TMPDIR:-/tmp}/busybox-rootfs.XXXXXX")
trap 'rm -rf "$R"' EXIT INT TERM
mkdir -p "$R/bin" "$R/sbin" "$R/usr/bin" "$R/usr/sbin" "$R/etc" "$R/root" "$R/tmp" \
         "$R/proc" "$R/sys" "$R/dev" "$R/home" "$R/run" "$R/var/www"
chmod 1777 "$R/tmp"; chmod 700 "$R/root"
cp /bin/busybox "$R/bin/busybox"
/bin/busybox --list-full | while read -r p; do
  [ "$p" = bin/busybox ] || ln -s /bin/busybox "$R/$p"
done
cat > "$R/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
P
cat > "$R/etc/group" <<'G'
root:x:0:
daemon:x:1:
www-data:x:33:
nogroup:x:65534:
G
echo '<h1>hello from busybox</h1>' > "$R/var/www/index.html"
# Owned by root inside the image, whoever runs this.
if [ -n "${ROOTFS_OUT:-}" ]; then
  tar --numeric-owner --owner=0 --group=0 -C "$R" -cf "$ROOTFS_OUT" .
  exit 0
fi
tar --numeric-owner --owner=0 --group=0 -C "$R" -cf - . |
  "$SKIFF" import --change 'CMD ["sh"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$NAME"
