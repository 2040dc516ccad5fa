#!/bin/sh
# pip install of the source tree into a fresh virtual environment made with
# --system-site-packages (Debian's python3-mesonpy, meson and ninja serve the
# build; nothing is downloaded), then imports loctext from it and checks the
# installed metadata. The meson-python build directory is kept under WORK,
# so later runs rebuild incrementally.
# Usage: venv-install.sh PYTHON SOURCE_ROOT WORK
set -eu
py=$1 src=$2 work=$3
mkdir -p "$work"
rm -rf "$work/venv"
"$py" -m venv --system-site-packages "$work/venv"
vpy="$work/venv/bin/python"
export PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
# The import check must not see the build tree's package.
unset PYTHONPATH
"$vpy" -m pip install --no-build-isolation --no-deps -q \
  --config-settings=builddir="$work/build" "$src"
cd "$work"
"$vpy" - "$src" <<'PY'
import sys, importlib.metadata as md, loctext
from loctext import idn
src = sys.argv[1]
assert loctext.__file__.startswith(sys.prefix), (loctext.__file__, sys.prefix)
assert loctext.normalize("e\u0301") == "\u00e9"
assert idn.to_ascii("b\u00fccher.example").output == "xn--bcher-kva.example"
assert loctext.detect("Alle Menschen sind frei und gleich an W\u00fcrde und Rechten geboren.").lang == "de"
meta = md.metadata("loctext")
assert meta["Name"] == "loctext", meta["Name"]
assert meta["Version"] == loctext.__version__, (meta["Version"], loctext.__version__)
assert meta["Requires-Python"], "no Requires-Python"
assert "MIT" in (meta.get("License") or "") or any("MIT" in c for c in meta.get_all("Classifier") or [])
files = [str(f) for f in md.files("loctext")]
assert any(f.endswith(".pyi") for f in files), "stubs not installed"
print("loctext", loctext.__version__, "installed and imported from", loctext.__file__)
PY
# The programs the package installs next to the interpreter start and work.
ver=$("$work/venv/bin/loc" --version | head -n 1)
[ "$ver" = "loc $("$vpy" -c 'import loctext; print(loctext.__version__)')" ] ||
  { echo "venv's loc --version: '$ver'"; exit 1; }
out=$(printf 'e\314\201\n' | "$work/venv/bin/loc" normalize)
[ "$out" = "$(printf '\303\251')" ] || { echo "venv's loc normalize: '$out'"; exit 1; }
"$work/venv/bin/loc" serve --help > /dev/null || { echo "venv's loc serve (loc-serve) does not start"; exit 1; }
echo "loc and loc-serve in $work/venv/bin run"
