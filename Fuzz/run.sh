#!/usr/bin/env bash
# Builds hyper's libFuzzer targets and runs each for SECONDS (default 60) with
# a 5 s per-input timeout and a 2 GiB memory limit. Any crash, timeout or
# out-of-memory fails.
#
#     bash Fuzz/run.sh 60
#     bash Fuzz/run.sh --prove   # only: must find the planted crash (HYPER_FUZZ_PLANT=1)
#
# --prove checks the setup really fuzzes: a crash planted behind three
# staged bytes must be found by coverage feedback. From the small committed
# seed corpus that search can take minutes, so it is a manual check, not CI's.
set -euo pipefail
cd "$(dirname "$0")"
prove=false
if [ "${1:-}" = "--prove" ]; then prove=true; shift; fi
seconds="${1:-60}"
# The sanitizer runtime makes the gold linker note `__asan_extra_spill_area`;
# that note is the runtime's own, so the build log is shown only on failure.
if ! swift build -c release -Xswiftc -sanitize=fuzzer,address > build.log 2>&1; then
  cat build.log >&2
  exit 1
fi
rm -f build.log
bin=.build/release
mkdir -p artifacts

if $prove; then
echo "== planted crash: FuzzManifest must find it"
if HYPER_FUZZ_PLANT=1 "$bin/FuzzManifest" -max_total_time=600 -artifact_prefix=artifacts/planted- -seed=1 \
    "$(mktemp -d)" corpus/manifest > artifacts/planted.log 2>&1; then
  echo "the planted crash was not found: the fuzzing setup is broken" >&2
  exit 1
fi
grep -q "planted crash found" artifacts/planted.log || { cat artifacts/planted.log >&2; exit 1; }
rm -f artifacts/planted-*
echo "found, as it must be"
exit 0
fi

for target in FuzzManifest FuzzArguments FuzzExecPlan FuzzIndex FuzzCompletion; do
  case "$target" in
    FuzzManifest) corpus=corpus/manifest; extra=(-dict=manifest.dict) ;;
    FuzzArguments) corpus=corpus/arguments; extra=() ;;
    FuzzExecPlan) corpus=corpus/exec; extra=() ;;
    # Seeds: a valid index and the bytes that once made every call trap
    # (regenerate with `.build/release/FuzzIndex --write-seeds corpus/index`).
    FuzzIndex) corpus=corpus/index; extra=() ;;
    FuzzCompletion) corpus=corpus/completion; extra=() ;;
  esac
  work=$(mktemp -d)
  echo "== $target: ${seconds}s"
  "$bin/$target" "$work" "$corpus" "${extra[@]}" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -artifact_prefix="artifacts/$target-" -print_final_stats=1 > "artifacts/$target.log" 2>&1 || {
      tail -40 "artifacts/$target.log" >&2
      echo "$target failed: see Fuzz/artifacts" >&2
      exit 1
    }
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "artifacts/$target.log" | tail -2
  rm -rf "$work"
done
