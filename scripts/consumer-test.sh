#!/usr/bin/env bash
# Consumer tests: the packed tarball (what `npm publish` would upload, built by `prepack`) installed
# into the user projects under test/consumers/, each in a fresh temporary folder:
#   cdk8s-template  the project `cdk8s init typescript-app` writes (its tsconfig as is: strict, no
#                   esModuleInterop, no skipLibCheck; ts-node; jest snapshots), on the OLDEST
#                   cdk8s/constructs of our peer range
#   esm-vitest      an ESM project run with tsx and tested with vitest, on the NEWEST cdk8s/constructs
# Each: install, no private copy of cdk8s/constructs, `tsc --noEmit`, `cdk8s synth` through its
# cdk8s.yaml, its snapshot tests, and the CLI from the project (validate dist/, plan, schemas,
# --version). Needs the npm registry (npm's cache makes reruns fast). Run from .ci/run.
#
#   scripts/consumer-test.sh [NAME...]          run all consumers, or the named ones
#   UPDATE_SNAPSHOTS=1 scripts/consumer-test.sh  rewrite the committed snapshots from this run
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

consumers=("$@")
[ ${#consumers[@]} -gt 0 ] || consumers=(cdk8s-template esm-vitest)

# Only this folder is ours to remove, whatever happens.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cdk8s-flink-bluegreen-consumers.XXXXXXXX")"
trap 'rm -rf -- "$WORK"' EXIT
# Temp folders made by the consumers' tools (cdk8s Testing.app() never removes its outdir) go inside it.
mkdir "$WORK/tmp"
export TMPDIR="$WORK/tmp"

step() { printf '\n== %s: %s\n' "$1" "$2"; }
fail() { printf 'consumer test FAILED (%s): %s\n' "$1" "$2" >&2; exit 1; }

step package "npm pack (prepack builds lib/)"
tarball="$(npm pack --pack-destination "$WORK" --silent | tail -n 1)"
mv "$WORK/$tarball" "$WORK/cdk8s-flink-bluegreen.tgz"
version="$(node -p "require('./package.json').version")"

for c in "${consumers[@]}"; do
  [ -d "test/consumers/$c" ] || fail "$c" "no such consumer in test/consumers/"
  dir="$WORK/$c"
  mkdir "$dir"
  # The project's own files only: no node_modules, dist or schemas from an earlier local run.
  (cd "test/consumers/$c" && tar --exclude=node_modules --exclude=dist --exclude=schemas -cf - .) | (cd "$dir" && tar -xf -)
  cd "$dir"

  step "$c" "npm install (the tarball, peers from the project)"
  npm install --no-audit --no-fund --prefer-offline --no-package-lock --loglevel=error >"$WORK/$c-install.log" 2>&1 \
    || { cat "$WORK/$c-install.log" >&2; fail "$c" "npm install"; }
  node -e "
    const own = (p) => require('./node_modules/' + p + '/package.json').version;
    console.log('cdk8s ' + own('cdk8s') + ', constructs ' + own('constructs') + ', cdk8s-flink-bluegreen ' + own('cdk8s-flink-bluegreen') + ', typescript ' + own('typescript'));
  "
  for p in cdk8s constructs; do
    [ ! -e "node_modules/cdk8s-flink-bluegreen/node_modules/$p" ] || fail "$c" "npm installed a private copy of $p for the library (peer dependency not honoured)"
  done
  [ ! -e node_modules/cdk8s-plus-28 ] || fail "$c" "cdk8s-plus-28 was installed: it must not be a dependency"

  step "$c" "tsc --noEmit"
  npx --no-install tsc --noEmit || fail "$c" "tsc --noEmit"

  step "$c" "cdk8s synth (through cdk8s.yaml)"
  npx --no-install cdk8s synth --no-check-upgrade || fail "$c" "cdk8s synth"
  ls dist/*.k8s.yaml >/dev/null || fail "$c" "cdk8s synth wrote no dist/*.k8s.yaml"

  step "$c" "snapshot tests"
  if [ "${UPDATE_SNAPSHOTS:-}" = 1 ]; then
    if [ -f jest.config.js ]; then npx --no-install jest --ci=false -u; else npx --no-install vitest run -u; fi
    rm -rf "$ROOT/test/consumers/$c/__snapshots__"
    cp -r __snapshots__ "$ROOT/test/consumers/$c/__snapshots__"
  else
    # CI mode: a missing snapshot fails instead of being written.
    CI=true npm test || fail "$c" "snapshot tests"
  fi

  step "$c" "the CLI from the project"
  npx --no-install cdk8s-flink-bluegreen validate dist/ || fail "$c" "validate dist/ (each object against its own operator build)"
  npx --no-install cdk8s-flink-bluegreen plan --from dist --to dist || fail "$c" "plan"
  npx --no-install cdk8s-flink-bluegreen schemas --out schemas || fail "$c" "schemas"
  [ -s schemas/flinkdeployment_v1beta1.json ] || fail "$c" "schemas wrote no flinkdeployment_v1beta1.json"
  got="$(npx --no-install cdk8s-flink-bluegreen --version)"
  [ "$got" = "$version" ] || fail "$c" "--version printed \"$got\", expected \"$version\""
  cd "$ROOT"
  printf '%s: ok\n' "$c"
done
printf '\nconsumer tests passed: %s\n' "${consumers[*]}"
