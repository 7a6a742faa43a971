#!/usr/bin/env bash
# Runs the README's two commands' install and test half (`npm install && npm test`) on a fresh
# clone as a machine with only Node 20 and npm would: Debian's chromium hidden (the tests must
# bring their own browser), no `postgres` system user (the embedded server must create it), no
# DATABASE_URL. Linux only, as root: it uses a private mount namespace (unshare -m), so nothing
# outside this command sees the hidden files. Usage: sudo scripts/bare-machine-check.sh [commit]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:-HEAD}"
work="$(mktemp -d /tmp/zlt-bare-XXXXXX)"
chmod 755 "$work"
git clone --quiet --no-local "$repo" "$work/clone"
git -C "$work/clone" checkout --quiet "$rev"
[ -d "$repo/../shared" ] && cp -r "$repo/../shared" "$work/shared"

mkdir -p "$work/usr-bin-upper" "$work/usr-bin-work"
cp -a /etc "$work/etc"
for f in passwd group shadow gshadow; do
  [ -f "$work/etc/$f" ] && sed -i '/^postgres:/d' "$work/etc/$f"
done

unshare -m bash -euo pipefail -c "
  mount -t overlay overlay -o lowerdir=/usr/bin,upperdir=$work/usr-bin-upper,workdir=$work/usr-bin-work /usr/bin
  rm -f /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome
  mount --bind $work/etc /etc
  ! command -v chromium >/dev/null
  ! id postgres >/dev/null 2>&1
  cd $work/clone
  env -u DATABASE_URL bash -c 'npm install --no-audit --no-fund && npm test'
"
echo "bare-machine check passed in $work/clone"
