#!/usr/bin/env bash
# make test-platforms: for each supported Open edX release, a venv with that release's Python
# and pins (requirements/platforms/<release>.txt), kept under .venv-platforms/ between runs.
# In each: install the built wheel with a plain `pip install` (as Tutor's
# OPENEDX_EXTRA_PIP_REQUIREMENTS does), fail if that changed any installed package, then run
# the core and block tests (no browser, no notebook) there.
#
# Usage: scripts/test_platforms.sh DEV_PYTHON [release ...]   (default: every release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEV_PY=$1
shift
RELEASES=("$@")
[ ${#RELEASES[@]} -gt 0 ] || RELEASES=(ulmo verawood master)
CACHE=${PLATFORM_VENVS:-$ROOT/.venv-platforms}
PINS=$ROOT/requirements/platforms
mkdir -p "$CACHE"

python_of() {  # the release's Python: Ulmo runs 3.11, later releases 3.12
  local want=3.12
  [ "$1" = ulmo ] && want=3.11
  for candidate in "python$want" "$HOME"/.pyenv/versions/"$want"*/bin/"python$want" "/usr/bin/python$want"; do
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c "import sys; assert sys.version_info[:2] == (${want/./, })" 2>/dev/null; then
      command -v "$candidate"
      return
    fi
  done
  echo "test-platforms: no Python $want for $1 (install python$want or pyenv $want)" >&2
  return 1
}

# One wheel for every release, built from this tree as an operator would build it.
rm -rf "$CACHE/dist"
"$DEV_PY" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$CACHE/dist" "$ROOT" \
  >"$CACHE/build.log" 2>&1 || { cat "$CACHE/build.log" >&2; exit 1; }
WHEEL=$(ls "$CACHE"/dist/talent_development-*.whl)
rm -rf "$ROOT/build"

for release in "${RELEASES[@]}"; do
  venv=$CACHE/$release
  stamp=$(grep -hv '^\s*#' "$PINS/$release.txt" "$PINS/test.txt" | sha256sum | cut -c1-16)
  if [ "$(cat "$venv/.pins" 2>/dev/null)" != "$stamp" ]; then
    echo "== $release: building the platform venv ($(basename "$(python_of "$release")"))"
    rm -rf "$venv"
    "$(python_of "$release")" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -r "$PINS/$release.txt"
    "$venv/bin/python" -m pip install --quiet -c "$PINS/$release.txt" -r "$PINS/test.txt"
    echo "$stamp" >"$venv/.pins"
  fi
  py=$venv/bin/python
  "$py" -m pip uninstall --quiet --yes talent-development 2>/dev/null || true
  "$py" -m pip freeze --all | sort >"$venv/freeze-before.txt"
  "$py" -m pip install --quiet "$WHEEL"
  "$py" -m pip freeze --all | grep -iv '^talent[-_]development' | sort >"$venv/freeze-after.txt"
  if ! diff -u "$venv/freeze-before.txt" "$venv/freeze-after.txt"; then
    echo "test-platforms: on $release, 'pip install $(basename "$WHEEL")' changed the packages above" >&2
    exit 1
  fi
  "$py" -m pip check
  "$py" - "$PINS/$release.txt" "$venv/freeze-after.txt" <<'PY'
import re, sys
def canonical(line):
    name, _, version = line.strip().partition("==")
    return re.sub(r"[-_.]+", "-", name).lower() + "==" + version
pins = {canonical(l) for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")}
missing = sorted(pins - {canonical(l) for l in open(sys.argv[2])})
sys.exit(f"test-platforms: pins not installed as pinned: {missing}" if missing else None)
PY
  (cd "$CACHE" && "$py" -c 'from importlib.metadata import distribution as d
points = [p for p in d("talent-development").entry_points if p.group == "xblock.v1"]
print("   xblock.v1:", ", ".join(p.load().__name__ for p in points))')
  echo "== $release: the wheel installed without changing a package; core and block tests"
  # The tests run on this tree's code (PYTHONPATH, also for the servers they start) with the
  # release's packages; tests/test_package_build.py checks what the wheel holds and loads.
  # The racing-server tests prove the workbench's store, not the release: the dev venv runs them.
  (cd "$ROOT" && PYTHONPATH=$ROOT "$py" -m pytest -p no:cacheprovider -n 2 -q -m "not browser and not notebook" \
    --ignore=tests/xblocks/test_concurrency_server.py tests/talent_core tests/xblocks)
done
