#!/usr/bin/env bash
# Runs `hyper validate` under valgrind's memcheck over every manifest fixture
# (valid, invalid, hostile), one by one. Each run must have no memory errors,
# nothing definitely or indirectly lost, and no block allocated by libyaml
# still alive at exit: every parser and event is freed on every path,
# error paths included.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
swift build --product hyper > /dev/null
hyper="$(swift build --show-bin-path)/hyper"
log=$(mktemp)
checked=0
for manifest in Tests/Fixtures/valid/*.yaml Tests/Fixtures/invalid/*.yaml Tests/Fixtures/hostile/*.yaml; do
  [ -e "$manifest" ] || continue
  status=0
  valgrind --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
    "$hyper" validate --format concise "$manifest" > /dev/null 2> "$log" || status=$?
  if [ "$status" -eq 99 ] || ! grep -q "ERROR SUMMARY: 0 errors" "$log"; then
    cat "$log" >&2
    echo "leak check: memory errors or leaks with $manifest" >&2
    exit 1
  fi
  if grep -q "libyaml-0\.so" "$log"; then
    cat "$log" >&2
    echo "leak check: a libyaml allocation outlived reading $manifest" >&2
    exit 1
  fi
  checked=$((checked + 1))
done
rm -f "$log"
echo "leak check: $checked manifests, no leaks, no memory errors, every libyaml object freed"
