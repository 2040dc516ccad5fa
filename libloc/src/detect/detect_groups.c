/* Language identification: the macrolanguages and clusters whose members
 * written text often cannot tell apart (see loc/detect.h). */
#include "detect_internal.h"

static const struct {
  const char *lang, *iso;
  const char *members[9]; /* ISO 639-3, NULL-terminated */
} groups[] = {
    /* Chinese in Han characters: the varieties share most of their
     * characters and the written standard */
    {"zh", "zho", {"cmn", "cjy", "gan", "hak", "hsn", "nan", "wuu", "yue", NULL}},
    /* Persian: Iranian Persian and Dari share the written standard */
    {"fa", "fas", {"pes", "prs", NULL}},
    /* Malay: Malaysian Malay and Indonesian */
    {"ms", "msa", {"zlm", "ind", NULL}},
    /* Serbo-Croatian: the Bosnian, Croatian, Serbian and Montenegrin standards */
    {"sh", "hbs", {"bos", "hrv", "srp", "cnr", NULL}},
};

_Static_assert(sizeof groups / sizeof *groups == LOC__DETECT_GROUPS, "LOC__DETECT_GROUPS");

int loc__detect_group_of(const char *iso) {
  for (size_t g = 0; g < sizeof groups / sizeof *groups; g++)
    for (size_t k = 0; groups[g].members[k] != NULL; k++)
      if (strcmp(groups[g].members[k], iso) == 0)
        return (int)g;
  return -1;
}

const char *loc__detect_group_lang(int g) { return groups[g].lang; }
const char *loc__detect_group_iso(int g) { return groups[g].iso; }
