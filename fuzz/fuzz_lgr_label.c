/* Labels against a fixed LGR (every rule element, variants with contexts):
 * any bytes get a disposition; the verdict is deterministic; a label in the
 * repertoire has an index label that is itself in the repertoire; variants
 * are well-formed, never the label itself, and counted consistently. */
#include "fuzz.h"

static const char lgr_xml[] =
    "<lgr xmlns=\"urn:ietf:params:xml:ns:lgr-1.0\"><meta><unicode-version>11.0.0</unicode-version>"
    "</meta><data>"
    "<range first-cp=\"0031\" last-cp=\"0039\" tag=\"digit\"/>"
    "<char cp=\"0030\" tag=\"digit\"><var cp=\"006F\" type=\"blocked\" not-when=\"after-digit\"/></char>"
    "<char cp=\"002D\" not-when=\"edge\"/>"
    "<range first-cp=\"0061\" last-cp=\"006E\" tag=\"l\"/>"
    "<char cp=\"006F\" tag=\"l\"><var cp=\"0030\" type=\"blocked\" not-when=\"after-digit\"/>"
    "<var cp=\"03BF\" type=\"blocked\"/></char>"
    "<range first-cp=\"0070\" last-cp=\"007A\" tag=\"l\"/>"
    "<char cp=\"0073 0073\"><var cp=\"00DF\" type=\"sharp\"/></char>"
    "<char cp=\"00DF\"><var cp=\"0073 0073\" type=\"sharp\"/></char>"
    "<char cp=\"00B7\" when=\"between-l\"/>"
    "<char cp=\"0301\" not-when=\"edge\"/>"
    "<char cp=\"03BF\"><var cp=\"03BF\" type=\"oor\"/><var cp=\"006F\" type=\"blocked\"/></char>"
    "</data><rules>"
    "<class name=\"v\">0061 0065 0069 006F 0075</class>"
    "<difference name=\"c\"><class from-tag=\"l\"/><class by-ref=\"v\"/></difference>"
    "<rule name=\"after-digit\"><look-behind><class from-tag=\"digit\"/></look-behind><anchor/></rule>"
    "<rule name=\"edge\"><choice><rule><start/><anchor/></rule><rule><anchor/><end/></rule></choice></rule>"
    "<rule name=\"between-l\"><look-behind><char cp=\"006C\"/></look-behind><anchor/>"
    "<look-ahead><char cp=\"006C\"/></look-ahead></rule>"
    "<rule name=\"digits\"><start/><class from-tag=\"digit\" count=\"1+\"/><end/></rule>"
    "<rule name=\"cluster\"><class by-ref=\"c\" count=\"4:6\"/></rule>"
    "<rule name=\"mark\"><start/><class property=\"gc:Mn\"/></rule>"
    "<rule name=\"hy\"><start/><any count=\"2\"/><char cp=\"002D\" count=\"2\"/></rule>"
    "<rule name=\"ref\"><rule by-ref=\"hy\"/><any count=\"0+\"/><end/></rule>"
    "<action disp=\"invalid\" match=\"digits\"/><action disp=\"invalid\" match=\"ref\"/>"
    "<action disp=\"invalid\" match=\"mark\"/><action disp=\"invalid\" any-variant=\"oor\"/>"
    "<action disp=\"blocked\" any-variant=\"blocked\"/><action disp=\"reserved\" only-variants=\"sharp\"/>"
    "<action disp=\"allocatable\" all-variants=\"sharp\"/><action disp=\"review\" match=\"cluster\"/>"
    "</rules></lgr>";

static loc_lgr *lgr;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096)
    return 0;
  if (lgr == NULL && loc_lgr_new_memory(lgr_xml, sizeof lgr_xml - 1, "fixed", &lgr, NULL) != LOC_OK)
    abort();
  loc_lgr_ctx *ctx;
  if (loc_lgr_ctx_new(lgr, &ctx) != LOC_OK)
    return 0;
  const char *s = (const char *)data;
  loc_lgr_result r;
  FUZZ_CHECK(loc_lgr_evaluate(ctx, s, size, &r) == LOC_OK);
  FUZZ_CHECK(r.disposition != NULL && r.reason != NULL && r.reason[0] != '\0');
  char disp[64];
  snprintf(disp, sizeof disp, "%s", r.disposition);
  bool in = r.in_repertoire;
  FUZZ_CHECK(!in || r.codepoint == -1 || r.action != -1); /* a reflexive variant type decided */
  FUZZ_CHECK(in || strcmp(disp, "invalid") == 0);
  FUZZ_CHECK(r.codepoint < 0 || r.offset < size);
  /* deterministic */
  FUZZ_CHECK(loc_lgr_evaluate(ctx, s, size, &r) == LOC_OK && strcmp(r.disposition, disp) == 0);
  const char *idx;
  size_t n;
  loc_status st = loc_lgr_index_label(ctx, s, size, &idx, &n);
  FUZZ_CHECK((st == LOC_OK) == in);
  if (st == LOC_OK) {
    char *copy = malloc(n ? n : 1);
    if (copy) {
      memcpy(copy, idx, n);
      FUZZ_CHECK(loc_lgr_evaluate(ctx, copy, n, &r) == LOC_OK);
      free(copy);
    }
  }
  FUZZ_CHECK(loc_lgr_variants(ctx, s, size, 64) != LOC_E_INVALID_ARGUMENT);
  size_t count = loc_lgr_variant_count(ctx);
  FUZZ_CHECK(count <= 64);
  FUZZ_CHECK(loc_lgr_variants_total(ctx) >= count);
  for (size_t i = 0; i < count; i++) {
    const char *v;
    size_t vn;
    const char *d = loc_lgr_variant_at(ctx, i, &v, &vn);
    FUZZ_CHECK(d != NULL && strcmp(d, "invalid") != 0);
    FUZZ_CHECK(loc_utf8_valid_prefix(v, vn) == vn);
    FUZZ_CHECK(vn != size || memcmp(v, s, vn) != 0);
  }
  loc_lgr_ctx_free(ctx);
  return 0;
}
