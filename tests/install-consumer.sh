#!/bin/sh
# Installs the build into a temporary prefix and compiles a small program
# against it through pkg-config, as an embedder would.
# Usage: install-consumer.sh BUILDDIR
set -eu
build=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
meson install -C "$build" --destdir "$tmp/root" --no-rebuild --quiet >/dev/null
pc=$(find "$tmp/root" -name loctext.pc | head -n 1)
[ -n "$pc" ] || { echo "loctext.pc was not installed"; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")" PKG_CONFIG_SYSROOT_DIR="$tmp/root"
cat > "$tmp/consumer.c" <<'C'
#include <loc/loc.h>
#include <stdio.h>
#include <string.h>
int main(void) {
  if (strcmp(loc_version(), LOC_VERSION_STRING) != 0) return 1;
  if (!LOC_VERSION_ATLEAST(0, 1, 0)) return 1;
  if (loc_utf8_valid_prefix("ok\xFF", 3) != 2) return 1;
  /* The normalizer's fast path and byte-encoding conversion, as `loc` uses them. */
  loc_normalizer *n;
  char out[16];
  size_t got;
  if (loc_normalizer_new(LOC_NORMALIZE_NFC, &n) != LOC_OK) return 1;
  if (loc_normalizer_quick_prefix(n, "e\xCC\x81", 3) == 3) return 1;
  if (loc_normalizer_normalize_valid(n, "e\xCC\x81", 3, out, sizeof out, &got) != LOC_OK ||
      got != 2 || memcmp(out, "\xC3\xA9", 2) != 0) return 1;
  loc_normalizer_free(n);
  if (!loc_encoding_is_utf8("utf8") || loc_encoding_count() == 0) return 1;
  printf("consumer: libloc %s, Unicode %s, %s\n", loc_version(),
         loc_component_version(LOC_COMPONENT_UNICODE), loc_status_name(LOC_E_NO_MEMORY));
  return 0;
}
C
# Built with the build's own compilers. In a sanitizer build the program must
# carry the sanitizer runtime itself (ASan insists on coming first among the
# loaded libraries), exactly as an embedder's sanitizer build would; once the
# library holds C++ that includes the C++ part of the UBSan runtime, so the
# link goes through the C++ compiler then.
info=$build/meson-info
compiler_of() {
  grep -o '"language": "'"$1"'", "compiler": \[[^]]*\]' "$info/intro-targets.json" |
    head -n 1 | sed 's/.*\[//; s/\]//; s/[",]/ /g'
}
cc=$(compiler_of c); cc=${cc:-cc}
sanitize=$(grep -o '"name": "b_sanitize", "value": "[^"]*"' "$info/intro-buildoptions.json" |
  sed 's/.*"value": "//; s/"$//')
sanitize_flags= link=$cc
if [ -n "$sanitize" ] && [ "$sanitize" != none ]; then
  sanitize_flags=-fsanitize=$sanitize
  cxx=$(compiler_of cpp); link=${cxx:-$cc}
fi
$cc $sanitize_flags $(pkg-config --cflags loctext) -c -o "$tmp/consumer.o" "$tmp/consumer.c"
$link $sanitize_flags -o "$tmp/consumer" "$tmp/consumer.o" $(pkg-config --libs loctext)
libdir=$(dirname "$(find "$tmp/root" -name 'libloctext.so*' | head -n 1)")
LD_LIBRARY_PATH="$libdir" "$tmp/consumer"
# The installed `loc` runs on the installed library, not a copy of its own.
loc=$(find "$tmp/root" -path '*/bin/loc' | head -n 1)
[ -n "$loc" ] || { echo "loc was not installed"; exit 1; }
LD_LIBRARY_PATH="$libdir" ldd "$loc" | grep -q "libloctext.so.* => $libdir/" ||
  { echo "installed loc does not load the installed libloctext:"; LD_LIBRARY_PATH="$libdir" ldd "$loc"; exit 1; }
got=$(printf 'e\314\201\n' | LD_LIBRARY_PATH="$libdir" "$loc" normalize)
[ "$got" = "$(printf '\303\251')" ] || { echo "installed loc normalize gave '$got'"; exit 1; }
echo "installed loc: runs on $libdir/libloctext"
# Debian's unrelated IP-geolocation library must stay reachable under its names.
for f in "$tmp"/root/*/*/lib*/libloc.so* "$tmp"/root/*/*/include/libloc; do
  [ -e "$f" ] && { echo "collides with Debian's libloc: $f"; exit 1; }
done
echo "install-consumer: ok"
