/* Run-time versions of libloc and of the libraries whose data decide results. */
#include "internal.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <harfbuzz/hb.h>
#include <idn2.h>
#include <pthread.h>
#include <stdio.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>

const char *loc_version(void) { return LOC_VERSION_STRING; }

static char icu_version[U_MAX_VERSION_STRING_LENGTH];
static char unicode_version[U_MAX_VERSION_STRING_LENGTH];
static char freetype_version[32];
static pthread_once_t versions_once = PTHREAD_ONCE_INIT;

static void read_versions(void) {
  UVersionInfo v;
  u_getVersion(v);
  u_versionToString(v, icu_version);
  u_getUnicodeVersion(v);
  u_versionToString(v, unicode_version);

  /* FreeType reports its version only through a library instance. */
  FT_Library ft;
  if (FT_Init_FreeType(&ft) == 0) {
    FT_Int major, minor, patch;
    FT_Library_Version(ft, &major, &minor, &patch);
    snprintf(freetype_version, sizeof freetype_version, "%d.%d.%d", major,
             minor, patch);
    FT_Done_FreeType(ft);
  } else {
    snprintf(freetype_version, sizeof freetype_version, "unknown");
  }
}

const char *loc_component_version(loc_component c) {
  pthread_once(&versions_once, read_versions);
  switch (c) {
  case LOC_COMPONENT_LIBLOC:
    return LOC_VERSION_STRING;
  case LOC_COMPONENT_ICU:
    return icu_version;
  case LOC_COMPONENT_UNICODE:
    return unicode_version;
  case LOC_COMPONENT_IDN2:
    return idn2_check_version(NULL);
  case LOC_COMPONENT_HARFBUZZ:
    return hb_version_string();
  case LOC_COMPONENT_FREETYPE:
    return freetype_version;
  case LOC_COMPONENT_COUNT_:
    break;
  }
  return NULL;
}

const char *loc_component_name(loc_component c) {
  static const char *const names[LOC_COMPONENT_COUNT_] = {
      "libloc", "icu", "unicode", "libidn2", "harfbuzz", "freetype"};
  if ((unsigned)c >= LOC_COMPONENT_COUNT_)
    return NULL;
  return names[c];
}
