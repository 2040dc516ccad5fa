/* A few words per project rule set, each output checked by hand against the
 * standard the rule file cites (see libloc/data/translit/). */
static const struct golden {
  const char *id, *in, *want, *why;
} golden[] = {
    {"Any-Latin", "അവൻ", "avan", "Malayalam chillu n (U+0D7B) is a bare n (ISO 15919)"},
    {"Any-Latin", "കേരളത്തിൽ", "kēraḷattil", "chillu l after a virama cluster"},
    {"Malayalam-Latin", "ഞാൻ", "ñān", "the chillu rule set reached by its own ID"},
    {"Any-Latin", "កម្ពុជា", "kambujā", "Khmer ALA-LC: ព b, coeng cluster without vowel, ា ā"},
    {"Any-Latin", "ខ្មែរ", "khmaer", "Khmer ALA-LC: ែ ae, word-final r without inherent vowel"},
    {"Khmer-Latin", "ភ្នំពេញ", "bhnaṃbeñ", "Khmer ALA-LC: nikahit after the inherent a (Bhnaṃ Beñ)"},
    {"Any-Latin", "ວຽງຈັນ", "viangchan", "Lao BGN/PCGN: Viangchan"},
    {"Any-Latin", "ຫລວງພະບາງ", "louangphabang", "Lao BGN/PCGN: silent ຫ, ວ between consonants oua"},
    {"Lao-Latin", "ເຂົ້າ", "khao", "Lao: pre-base ເ moved, ເົາ ao, tone mark dropped"},
    {"Any-Latin", "བོད་སྐད", "bod skad", "Tibetan ALA-LC/Wylie: syllables, inherent a after the stack"},
    {"Any-Latin", "བཀའ", "bkaʼ", "Tibetan: prefix, root with a, suffix འ as ʼ"},
    {"Tibetan-Latin", "བསྒྲུབས", "bsgrubs", "Tibetan: vowel sign on the stack, no inherent a"},
    {"Any-Latin", "རྒྱ་མཚོ", "rgya mtsho", "Tibetan: ཚ tsh, two syllables"},
    {"Any-Latin", "өнер үй", "ôner ùj", "Kazakh Ө ô and Ү ù (ISO 9), then ICU's й j"},
    {"Any-Latin", "ҷаҳон", "c̦aḩon", "Tajik Ҷ c̦ and Ҳ ḩ (ISO 9)"},
    {"Any-Latin", "ӈ Һ", "ŋ Ḥ", "Nenets ӈ ŋ; Һ ḥ (ISO 9), capital kept"},
    {"Any-Latin", "ٹ ڈ ڑ ں ے", "ṭ ḍ ṛ ṉ e", "Urdu letters (ALA-LC)"},
    {"Any-Latin", "ۇ ۆ ۈ ې", "u ö ü é", "Uyghur vowels (ULY)"},
    {"Any-Latin", "څ ځ ټ", "ts dz ṭ", "Pashto letters (ALA-LC)"},
    {"Any-Latin", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "tamaziɣt", "Tifinagh IRCAM: ⵖ ɣ"},
    {"Any-Latin", "ᜊᜌ᜔ᜊᜌᜒᜈ᜔", "baybayin", "Baybayin: virama, kudlit i"},
    {"Any-Latin", "ᠮᠣᠩᠭᠣᠯ", "mongɣol", "Mongolian Vladimirtsov-Poppe (ɣ for γ)"},
    {"Any-Latin", "𞤆𞤵𞤤𞤢𞤪", "Pular", "Adlam: capital kept, Fulfulde letters"},
    {"Any-Latin", "𞤲𞤢𞥄𞤳𞤢", "naaka", "Adlam: the alif lengthener doubles the vowel"},
    {"Any-Latin", "ߒߞߏ", "nko", "N'Ko: syllabic n, ߏ o"},
    {"Any-Latin", "ᱥᱟᱱᱛᱟᱲᱤ", "santaṛi", "Ol Chiki: ᱲ ṛ"},
    {"Any-Latin", "ꆈꌠ", "nuosu", "Yi pinyin (Unicode names)"},
    {"Any-Latin", "ᏣᎳᎩ", "tsalagi", "Cherokee syllabary transliteration"},
    {"Any-Latin", "ꕙꔤ", "vai", "Vai syllables"},
    {"Any-Latin", "ᓀᐦᐃᔭᐍᐏᐣ", "nehiyawewin", "Plains Cree: ᐦ h, final ᐣ n"},
    {"Any-Latin", "𑌸𑌂𑌸𑍍𑌕𑍃𑌤", "saṁskr̥ta", "Grantha ISO 15919"},
    {"Any-Latin", "𑄌𑄋𑄴𑄟𑄳𑄦", "caṅmha", "Chakma: maayyaa and virama drop the vowel"},
    {"Any-Latin", "ꦲꦏ꧀ꦱꦫ", "aksara", "Javanese: initial ꦲ silent, pangkon"},
    {"Any-Latin", "ꪼꪕ", "tay", "Tai Viet: pre-base ay moved after the consonant"},
    {"Any-Latin", "ᨠᩣ", "kā", "Tai Tham: vowel sign aa"},
    {"Any-Latin", "ၵ", "k", "Shan ka as Burmese ka through ICU's Myanmar-Latin"},
    {"Any-Latin", "ශ්‍රී ලංකා", "śrī laṁkā", "Sinhala through CLDR's si-si_Latn (ISO 15919)"},
    {"Any-Latin", "𪜀", "{U+2A700}", "Han without any Unihan reading: code point in braces"},
    {"Any-Latin", "漢字", "hàn zì", "Han with a reading: ICU's pinyin"},
    {"Han-Latin", "𪜀x", "𪜀 x", "ICU's Han-Latin keeps an unread Han as ICU does: braces are Any-Latin's alone"},
    {"Latin-ASCII", "世界", "世界", "ICU's Latin-ASCII never touches Han: no braces"},
    {"Any-Latin; Latin-ASCII", "𪜀", "{U+2A700}", "a compound with Any-Latin, ending in ASCII: braces"},
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
