/* Rule family "legacy": a line that the legacy-encoding detectors of
 * loc/legacy.h call legacy. Zawgyi text looks like Burmese but is stored in
 * another order with other code points; font-hack text looks like Latin-1.
 * Either way the line is unreadable as Unicode, so it is an error; the
 * repair needs a person's confirmation (which encoding), so no fix. */
#include "internal.h"
#include "check_internal.h"

/* myanmar-tools' threshold for Zawgyi, and the one `loc convert
 * --if-detected` uses for the font hacks. */
#define LEGACY_THRESHOLD 0.95

loc_status chk_legacy(loc_check_ctx *x) {
  if (!chk_on(x, CHK_LEGACY_ENCODING))
    return LOC_OK;
  size_t len = x->len;
  if (len && x->s[len - 1] == '\r')
    len--;
  /* Font-hack text is Latin-1 letters, which real Latin-script text is
   * too (over the UDHR corpus the detectors call 4 Yoruba, Shuar and
   * Shilluk lines Kruti Dev or Bijoy): they are asked only when --lang
   * says the text is Hindi or Bengali. */
  static const struct {
    loc_legacy_encoding enc;
    const char *lang, *what, *from;
  } encs[] = {
      {LOC_LEGACY_ZAWGYI, NULL, "Burmese in the Zawgyi encoding", "zawgyi"},
      {LOC_LEGACY_KRUTIDEV, "hi", "Hindi in the Kruti Dev 010 font encoding", "krutidev"},
      {LOC_LEGACY_BIJOY, "bn", "Bengali in the Bijoy (SutonnyMJ) font encoding", "bijoy"},
  };
  /* The font hacks live in Latin-1 letters and signs: without one (bit of
   * a non-ASCII letter, mark or symbol seen by decode()) skip them. */
  bool latin1 = false;
  size_t myanmar_letters = 0;
  for (size_t i = 0; i < x->nch; i++) {
    int32_t cp = x->ch[i].cp;
    latin1 = latin1 || (cp >= 0x80 && cp <= 0xFF);
    if (((cp >= 0x1000 && cp <= 0x109F) || (cp >= 0xA9E0 && cp <= 0xA9FF) ||
         (cp >= 0xAA60 && cp <= 0xAA7F)) && chk_is_letter(x->ch[i].gc))
      myanmar_letters++;
  }
  for (size_t k = 0; k < sizeof encs / sizeof encs[0]; k++) {
    /* Below four Myanmar letters the model has too little to go on (the
     * regime where it agrees with myanmar-tools' reference cases). */
    if (encs[k].enc == LOC_LEGACY_ZAWGYI && myanmar_letters < 4)
      continue;
    if (encs[k].lang != NULL) {
      size_t n = strlen(encs[k].lang);
      if (!latin1 || !x->ck->has_lang || strncmp(x->ck->lang, encs[k].lang, n) != 0 ||
          (x->ck->lang[n] != '\0' && x->ck->lang[n] != '-'))
        continue;
    }
    double p;
    if (loc_legacy_probability(encs[k].enc, x->s, len, &p) != LOC_OK || p <= LEGACY_THRESHOLD)
      continue;
    return chk_add(x, CHK_LEGACY_ENCODING, LOC_SEVERITY_ERROR, 0, len, NULL, 0, NULL, 0,
                   "%s (P = %.3f); convert it with 'loc convert --from %s'", encs[k].what,
                   p, encs[k].from);
  }
  return LOC_OK;
}
