#!/bin/sh
# ci/install-docs.sh   (as the user who installed skiff; README's first command runs it)
# Installs this checkout's man pages and shell completions for the skiff on PATH: the man pages
# beside its bin/ (cargo install's ~/.cargo/bin/skiff -> ~/.cargo/share/man/man1, which man-db
# finds through PATH, so `man skiff-run` works with no MANPATH), bash's and fish's completions in
# their per-user directories (loaded on demand), zsh's in share/zsh/site-functions (add it to
# fpath). PREFIX=DIR overrides where the man pages and zsh's file go.
set -eu
cd "$(dirname "$0")/.."
BIN=$(command -v skiff) || {
  echo "error: skiff is not on PATH; install it first (cargo install --locked --path .) and put ~/.cargo/bin on PATH" >&2
  exit 1
}
PREFIX=${PREFIX:-$(cd "$(dirname "$BIN")/.." && pwd)}
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
install -d "$PREFIX/share/man/man1"
install -m 644 man/*.1 "$PREFIX/share/man/man1/"
install -D -m 644 completions/skiff.bash "$DATA/bash-completion/completions/skiff"
install -D -m 644 completions/skiff.fish "$DATA/fish/vendor_completions.d/skiff.fish"
install -D -m 644 completions/_skiff "$PREFIX/share/zsh/site-functions/_skiff"
echo "man pages in $PREFIX/share/man/man1 (man skiff-run); bash and fish completions installed;" \
  "zsh: add $PREFIX/share/zsh/site-functions to fpath"
