#!/usr/bin/env bash
# Regenerates the README screenshots:
#   screenshots/1-communities.png  2-threads.png  3-handovers.png  4-calendar.png
#   5-activity.png  6-people.png
#
# How: builds hiroba, runs `hiroba demo --lang ja` in a private tmux server at
# 120x36, presses 1..6, captures each screen with colours
# (tmux capture-pane -e -N -p), then renders the captures with xterm.js in
# headless Chromium (render.html, driven by shoot.js through puppeteer-core).
#
# Installs what is missing: Debian packages tmux, chromium, fonts-noto-cjk,
# fonts-dejavu-core, fonts-noto-color-emoji, tzdata, nodejs, npm (apt-get, as root or
# via sudo), and the npm packages in package-lock.json (npm ci). Nothing else
# is downloaded. Go must already be installed.
#
# Usage: screenshots/make.sh            (from anywhere)
# Environment knobs:
#   SETTLE_TIMEOUT=20   seconds to wait for a screen to stop changing
#   SHOT_SCALE=2        device pixel ratio of the PNGs (1 = 1188x712)
#   KEEP_CAPTURES=DIR   also copy the raw ANSI captures to DIR
#   SHOT_TZ=Asia/Tokyo  time zone the program runs in (the demo data is in JST)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
COLS=120
ROWS=36
SETTLE_TIMEOUT=${SETTLE_TIMEOUT:-20}
POLL=0.2          # seconds between captures while waiting
QUIET_POLLS=5     # identical captures in a row that count as "settled" (1 s)
SHOT_TZ=${SHOT_TZ:-Asia/Tokyo}
TABS=(1:1-communities 2:2-threads 3:3-handovers 4:4-calendar 5:5-activity 6:6-people)

# tmux measures character widths with the C library: it needs a UTF-8 locale.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
[ -x /usr/local/go/bin/go ] && PATH=$PATH:/usr/local/go/bin

say()  { printf '==> %s\n' "$*" >&2; }
warn() { printf 'make.sh: warning: %s\n' "$*" >&2; }
die()  { printf 'make.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- tools ----
has_font() { command -v fc-list >/dev/null && fc-list "$1" family | grep -q .; }

pkgs=()
command -v tmux >/dev/null         || pkgs+=(tmux)
[ -x /usr/bin/chromium ]           || pkgs+=(chromium)
command -v node >/dev/null         || pkgs+=(nodejs)
command -v npm >/dev/null          || pkgs+=(npm)
has_font 'Noto Sans Mono CJK JP'   || pkgs+=(fonts-noto-cjk)
has_font 'DejaVu Sans Mono'        || pkgs+=(fonts-dejavu-core)
has_font 'Noto Color Emoji'        || pkgs+=(fonts-noto-color-emoji)
[ -e /usr/share/zoneinfo/Asia/Tokyo ] || pkgs+=(tzdata)
if [ ${#pkgs[@]} -gt 0 ]; then
  say "installing Debian packages: ${pkgs[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=()
  elif command -v sudo >/dev/null; then sudo=(sudo)
  else die "need root (or sudo) to install: ${pkgs[*]}"; fi
  "${sudo[@]}" apt-get update -q || warn "apt-get update reported errors; trying the install anyway"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}" fontconfig
fi
command -v go >/dev/null || die "Go toolchain not found (expected on PATH or in /usr/local/go/bin)"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' \
  || die "Node.js >= 18 is needed (found $(node --version))"

if [ ! -f "$here/node_modules/.package-lock.json" ] \
   || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  say "npm ci (screenshots/node_modules)"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

# ------------------------------------------------------------ workspace ----
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hiroba-shots.XXXXXX")
sock="hiroba-shots-$$"
T() { tmux -L "$sock" -f "$tmp/tmux.conf" "$@"; }
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "go build"
(cd "$root" && go build -o "$tmp/hiroba" .)

# ----------------------------------------------------------------- tmux ----
cat > "$tmp/tmux.conf" <<'EOF'
set -g status off
set -g remain-on-exit on
set -g default-terminal tmux-256color
set -sg escape-time 0
EOF
mkdir -p "$tmp/run" "$tmp/xdg/config" "$tmp/xdg/data" "$tmp/xdg/state" "$tmp/xdg/cache"
# HIROBA_DB is dropped and the XDG and temporary directories point into $tmp,
# so the demo gets a fresh database and a real installation on this machine
# is neither read nor touched.
say "starting hiroba demo --lang ja in tmux (${COLS}x${ROWS})"
T new-session -d -s shots -x "$COLS" -y "$ROWS" -c "$tmp/run" \
  "exec env -u HIROBA_DB TERM=tmux-256color COLORTERM=truecolor LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ='$SHOT_TZ' \
     TMPDIR='$tmp/run' XDG_CONFIG_HOME='$tmp/xdg/config' XDG_DATA_HOME='$tmp/xdg/data' \
     XDG_STATE_HOME='$tmp/xdg/state' XDG_CACHE_HOME='$tmp/xdg/cache' \
     '$tmp/hiroba' demo --lang ja"
size=$(T display-message -p -t shots '#{pane_width}x#{pane_height}')
[ "$size" = "${COLS}x${ROWS}" ] || die "tmux pane is $size, expected ${COLS}x${ROWS}"

capture() { T capture-pane -p -e -N -t shots > "$1"; }
check_alive() {
  if [ "$(T display-message -p -t shots '#{pane_dead}')" = 1 ]; then
    T capture-pane -p -S - -t shots | grep -v '^[[:space:]]*$' >&2 || true
    die "hiroba exited (status $(T display-message -p -t shots '#{pane_dead_status}')) — its last screen is above"
  fi
}
# settle OUT: wait until the screen has not changed for QUIET_POLLS polls,
# then leave the capture in OUT.
settle() {
  local out=$1 same=0 waited=0 max
  max=$(awk -v t="$SETTLE_TIMEOUT" -v p="$POLL" 'BEGIN { print int(t / p) }')
  : > "$tmp/prev"
  while :; do
    sleep "$POLL"
    check_alive
    capture "$out"
    if cmp -s "$out" "$tmp/prev" && grep -q '[^[:space:]]' "$out"; then
      same=$((same + 1))
    else
      same=0
    fi
    [ "$same" -ge "$QUIET_POLLS" ] && return 0
    cp "$out" "$tmp/prev"
    waited=$((waited + 1))
    if [ "$waited" -ge "$max" ]; then
      warn "screen still changing after ${SETTLE_TIMEOUT}s; using the last capture"
      return 0
    fi
  done
}

settle "$tmp/start.ansi"
render_args=()
prev=""
for tab in "${TABS[@]}"; do
  key=${tab%%:*} name=${tab#*:}
  say "tab $key -> $name"
  T send-keys -t shots -l "$key"
  settle "$tmp/$name.ansi"
  if [ -n "$prev" ] && cmp -s "$tmp/$name.ansi" "$prev"; then
    warn "screen after key $key is identical to the previous one"
  fi
  prev="$tmp/$name.ansi"
  render_args+=("$tmp/$name.ansi" "$tmp/$name.png")
done

T send-keys -t shots -l q
for _ in $(seq 25); do
  [ "$(T display-message -p -t shots '#{pane_dead}')" = 1 ] && break
  sleep 0.2
done
[ "$(T display-message -p -t shots '#{pane_dead}')" = 1 ] || warn "hiroba did not quit on q"
if [ -n "${KEEP_CAPTURES:-}" ]; then
  mkdir -p "$KEEP_CAPTURES" && cp "$tmp"/*.ansi "$KEEP_CAPTURES"/
fi

# --------------------------------------------------------------- render ----
say "rendering with xterm.js in headless Chromium"
status=0
node "$here/shoot.js" "$COLS" "$ROWS" "${render_args[@]}" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then die "rendering failed (status $status)"; fi
for tab in "${TABS[@]}"; do
  name=${tab#*:}
  mv "$tmp/$name.png" "$here/$name.png"
  echo "screenshots/$name.png"
done
[ "$status" -eq 3 ] && die "some characters were not drawn on the terminal grid (see above); the PNGs were written anyway"
say "done"
