/* A few words per project rule set, each output checked by hand against the
 * standard the rule file cites (see libloc/data/translit/). */
static const struct golden {
  const char *id, *in, *want, *why;
} golden[] = {
    {"Any-Latin", "അവൻ", "avan", "Malayalam chillu n (U+0D7B) is a bare n (ISO 15919)"},
    {"Any-Latin", "കേരളത്തിൽ", "kēraḷattil", "chillu l after a virama cluster"},
    {"Malayalam-Latin", "ഞാൻ", "ñān", "the chillu rule set reached by its own ID"},
    {"Any-Latin", "ශ්‍රී ලංකා", "śrī laṁkā", "Sinhala through CLDR's si-si_Latn (ISO 15919)"},
    {"Any-Latin", "𪜀", "{U+2A700}", "Han without any Unihan reading: code point in braces"},
    {"Any-Latin", "漢字", "hàn zì", "Han with a reading: ICU's pinyin"},
    {"Han-Latin", "𪜀x", "{U+2A700} x", "the braces also for Han-Latin itself (ICU spaces Han from what follows)"},
    {"Any-Upper", "𪜀", "𪜀", "a transform to another script keeps Han as it is"},
};

static void test_golden(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof golden / sizeof golden[0]; i++) {
    char *got = run(golden[i].id, 0, golden[i].in);
    if (strcmp(got, golden[i].want) != 0)
      fail_msg("%s(%s) = '%s', want '%s': %s", golden[i].id, golden[i].in, got,
               golden[i].want, golden[i].why);
    loc_free(got);
  }
}

/* Schemes that are reversible come back to the input. */
static const struct round_trip {
  const char *id, *in;
} round_trips[] = {
    {"Cyrillic-Latin", "Все люди рождаются свободными"},
    {"Greek-Latin", "πάντες ἄνθρωποι"},
    {"Devanagari-Latin", "सभी मनुष्यों को"},
};

static void test_round_trip(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof round_trips / sizeof round_trips[0]; i++) {
    char *there = run(round_trips[i].id, 0, round_trips[i].in);
    char *back = run(round_trips[i].id, LOC_TRANSLIT_REVERSE, there);
    if (strcmp(back, round_trips[i].in) != 0)
      fail_msg("%s: '%s' -> '%s' -> '%s'", round_trips[i].id, round_trips[i].in, there, back);
    loc_free(there);
    loc_free(back);
  }
}
