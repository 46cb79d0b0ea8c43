#!/usr/bin/env bash
# Makes sure $BOXSCORE_CACHE/chdb/<version>/libchdb.so exists (BOXSCORE_CACHE defaults to ~/.cache/boxscore).
# The library (~560 MB) is never stored in the repository: it comes from the npm package @chdb/lib-linux-x64-gnu.
# A tarball already in $BOXSCORE_CACHE/chdb/ is reused, otherwise `npm pack` fetches it.
# Usage: fetch-chdb.sh <chdb-version>
set -euo pipefail

version="${1:?usage: fetch-chdb.sh <chdb-version>}"
cache_root="${BOXSCORE_CACHE:-$HOME/.cache/boxscore}/chdb"
target_dir="$cache_root/$version"
target="$target_dir/libchdb.so"
package="@chdb/lib-linux-x64-gnu"
tarball_name="chdb-lib-linux-x64-gnu-$version.tgz"

if [[ -s "$target" ]]; then
  exit 0
fi
if [[ -n "${BOXSCORE_CHDB_LIB:-}" ]]; then
  # The runtime uses this path instead; no need to fetch 170 MB.
  echo "fetch-chdb: BOXSCORE_CHDB_LIB is set ($BOXSCORE_CHDB_LIB), not fetching $package@$version"
  exit 0
fi

mkdir -p "$cache_root" "$target_dir"
work="$(mktemp -d "$cache_root/.fetch-XXXXXX")"
trap 'rm -rf "$work"' EXIT

tarball="$cache_root/$tarball_name"
if [[ ! -s "$tarball" ]]; then
  command -v npm >/dev/null || { echo "fetch-chdb: npm is required to fetch $package@$version" >&2; exit 1; }
  echo "fetch-chdb: npm pack $package@$version (about 170 MB)"
  (cd "$work" && npm pack --silent "$package@$version" >/dev/null)
  [[ -s "$work/$tarball_name" ]] || { echo "fetch-chdb: npm pack did not produce $tarball_name" >&2; exit 1; }
  tarball="$work/$tarball_name"
fi

echo "fetch-chdb: extracting libchdb.so from $tarball"
tar -xzf "$tarball" -C "$work" package/libchdb.so
[[ -s "$work/package/libchdb.so" ]] || { echo "fetch-chdb: package/libchdb.so missing in $tarball" >&2; exit 1; }
# Same file system as the target, so the rename is atomic: a concurrent build never sees half a library.
mv -f "$work/package/libchdb.so" "$target"
echo "fetch-chdb: $target ready"
