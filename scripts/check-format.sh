#!/usr/bin/env bash
# Checks that every C++ source in the tree is formatted as .clang-format says, with the
# clang-format that Debian 12 ships (clang-format-14: another major version formats differently).
# Prints each file that differs and a diff of the first; exit 1 if any differs.
# Usage: scripts/check-format.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."
CF=${CLANG_FORMAT:-clang-format-14}
command -v "$CF" >/dev/null || { echo "check-format: error: $CF not found (scripts/setup.sh installs it)" >&2; exit 2; }
mapfile -t files < <(find common extract indexer query tests fuzz tools -type f \
  \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) -not -path '*/build*' | sort)
if [ "${1:-}" = --fix ]; then
  "$CF" -i "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  "$CF" "$f" | cmp -s - "$f" || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  printf '%s: error: not formatted as .clang-format says\n' "${bad[@]}" >&2
  "$CF" "${bad[0]}" | diff -u "${bad[0]}" - | head -40 >&2 || true
  echo "check-format: ${#bad[@]} of ${#files[@]} files differ; run scripts/check-format.sh --fix" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
