/* Glyph tables of the font-hack encodings: which Latin-1 / windows-1252
 * character slot of the font draws which Indic letter, sign or ligature.
 *
 * Sources of the facts (the slot assignments of the fonts themselves):
 *  - Kruti Dev 010: the font's Remington-typewriter layout, as tabulated by
 *    the Kruti Dev <-> Unicode converters in public circulation; three
 *    independent tables found in public GitHub repositories were compared;
 *    a slot is listed when at least two of them give it the same value
 *    (the extended ligature slots 0xCC..0xD6, where they all differ, are
 *    left out). Notably '=' is the whole conjunct tra and U+00AB its half
 *    form, so "=k" reads as traa.
 *  - Bijoy / SutonnyMJ: the Bijoy 52 keyboard's font slots (SutonnyMJ,
 *    Mustafa Jabbar's Bijoy software), compared the same way across three
 *    public converter tables; conjunct slots without a majority are left out.
 *
 * An entry reads legacy text -> Unicode. The first entry for a Unicode
 * string is the one Unicode -> legacy writes; ALT entries are other
 * spellings that only the legacy -> Unicode direction reads, FROM entries
 * only the Unicode -> legacy direction (precomposed letters). In the
 * Unicode strings, U+E000 stands for the reph (the legacy glyph that the
 * typist puts after the syllable it belongs in front of). */
#include "internal.h"
#include "fonthack.h"

#define REPH "\xEE\x80\x80"

static const fh_entry krutidev[] = {
    /* independent vowels */
    {"v", "\u0905", 0}, {"vk", "\u0906", 0}, {"b", "\u0907", 0}, {"bZ", "\u0908", 0},
    {"m", "\u0909", 0}, {"\u00C5", "\u090A", 0}, {"_", "\u090B", 0}, {",", "\u090F", 0},
    {",s", "\u0910", 0}, {"vks", "\u0913", 0}, {"vkS", "\u0914", 0}, {"v\u201A", "\u0911", 0},
    /* consonants */
    {"d", "\u0915", 0}, {"[k", "\u0916", 0}, {"x", "\u0917", 0}, {"?k", "\u0918", 0},
    {"\u00B3", "\u0919", 0}, {"p", "\u091A", 0}, {"N", "\u091B", 0}, {"t", "\u091C", 0},
    {">", "\u091D", 0}, {"\u00A5", "\u091E", 0}, {"V", "\u091F", 0}, {"B", "\u0920", 0},
    {"M", "\u0921", 0}, {"<", "\u0922", 0}, {".k", "\u0923", 0}, {"r", "\u0924", 0},
    {"Fk", "\u0925", 0}, {"n", "\u0926", 0}, {"/k", "\u0927", 0}, {"u", "\u0928", 0},
    {"i", "\u092A", 0}, {"Q", "\u092B", 0}, {"c", "\u092C", 0}, {"Hk", "\u092D", 0},
    {"e", "\u092E", 0}, {";", "\u092F", 0}, {"j", "\u0930", 0}, {"y", "\u0932", 0},
    {"G", "\u0933", 0}, {"o", "\u0935", 0}, {"'k", "\u0936", 0}, {"\"k", "\u0937", 0},
    {"l", "\u0938", 0}, {"g", "\u0939", 0},
    /* conjunct letters and ligatures */
    {"{k", "\u0915\u094D\u0937", 0}, {"=", "\u0924\u094D\u0930", 0},
    {"K", "\u091C\u094D\u091E", 0}, {"J", "\u0936\u094D\u0930", 0},
    {"\u00F4", "\u0915\u094D\u0915", 0}, {"\u00EA", "\u091F\u094D\u091F", 0},
    {"\u00EB", "\u091F\u094D\u0920", 0}, {"\u00EC", "\u0921\u094D\u0921", 0},
    {"\u00EF", "\u0921\u094D\u0922", 0}, {"\u00D9k", "\u0924\u094D\u0924", 0},
    {"\u00D9", "\u0924\u094D\u0924\u094D", 0},
    {")", "\u0926\u094D\u0927", 0}, {"\u00D1", "\u0915\u0943", 0},
    {"\u00D8", "\u0915\u094D\u0930", FH_ALT}, {"#", "\u0930\u0941", 0}, {":", "\u0930\u0942", 0},
    /* half forms: the full letter without its vertical stroke ('k') */
    {"D", "\u0915\u094D", 0}, {"[", "\u0916\u094D", 0}, {"X", "\u0917\u094D", 0},
    {"?", "\u0918\u094D", 0}, {"P", "\u091A\u094D", 0}, {"T", "\u091C\u094D", 0},
    {"\u00F7", "\u091D\u094D", 0}, {".", "\u0923\u094D", 0}, {"R", "\u0924\u094D", 0},
    {"F", "\u0925\u094D", 0}, {"/", "\u0927\u094D", 0}, {"U", "\u0928\u094D", 0},
    {"I", "\u092A\u094D", 0}, {"\u00B6", "\u092B\u094D", 0}, {"C", "\u092C\u094D", 0},
    {"H", "\u092D\u094D", 0}, {"E", "\u092E\u094D", 0}, {"\u00B8", "\u092F\u094D", 0},
    {"Y", "\u0932\u094D", 0}, {"O", "\u0935\u094D", 0}, {"'", "\u0936\u094D", 0},
    {"\"", "\u0937\u094D", 0}, {"L", "\u0938\u094D", 0}, {"{", "\u0915\u094D\u0937\u094D", 0},
    {"\u00AB", "\u0924\u094D\u0930\u094D", 0},
    /* a half form followed by the stroke spells the full letter too */
    {"Dk", "\u0915", FH_ALT}, {"Xk", "\u0917", FH_ALT}, {"Pk", "\u091A", FH_ALT},
    {"Tk", "\u091C", FH_ALT}, {"Rk", "\u0924", FH_ALT}, {"Uk", "\u0928", FH_ALT},
    {"Ik", "\u092A", FH_ALT}, {"Ck", "\u092C", FH_ALT}, {"Ek", "\u092E", FH_ALT},
    {"Yk", "\u0932", FH_ALT}, {"Ok", "\u0935", FH_ALT}, {"Lk", "\u0938", FH_ALT},
    /* nukta letters are written as letter + nukta */
    {"d+", "\u0958", FH_FROM}, {"[k+", "\u0959", FH_FROM}, {"x+", "\u095A", FH_FROM},
    {"t+", "\u095B", FH_FROM}, {"M+", "\u095C", FH_FROM}, {"<+", "\u095D", FH_FROM},
    {"Q+", "\u095E", FH_FROM}, {";+", "\u095F", FH_FROM},
    /* vowel signs and other signs */
    {"k", "\u093E", 0}, {"f", "\u093F", 0}, {"h", "\u0940", 0}, {"q", "\u0941", 0},
    {"w", "\u0942", 0}, {"`", "\u0943", 0}, {"s", "\u0947", 0}, {"S", "\u0948", 0},
    {"ks", "\u094B", 0}, {"kS", "\u094C", 0}, {"\u201A", "\u0949", 0}, {"W", "\u0945", 0},
    {"a", "\u0902", 0}, {"\u00A1", "\u0901", 0}, {"%", "\u0903", 0}, {"~", "\u094D", 0},
    {"+", "\u093C", 0}, {"z", "\u094D\u0930", 0}, {"Z", REPH, 0}, {"\u00B1", REPH "\u0902", FH_ALT},
    /* punctuation the font moves to other slots */
    {"A", "\u0964", 0}, {"^", "\u2018", 0}, {"*", "\u2019", 0}, {"\u00DE", "\u201C", 0},
    {"\u00DF", "\u201D", 0}, {"(", ";", 0}, {"\u00BC", "(", 0}, {"\u00BD", ")", 0},
    {"\u00BF", "{", 0}, {"\u00C0", "}", 0}, {"\u00BE", "=", 0}, {"-", ".", 0}, {"&", "-", 0},
    {"\u0152", "\u0970", 0}, {"]", ",", 0}, {"@", "/", 0}, {"\u2022", "\u093D", 0},
};

static const fh_entry bijoy[] = {
    /* independent vowels */
    {"A", "\u0985", 0}, {"Av", "\u0986", 0}, {"B", "\u0987", 0}, {"C", "\u0988", 0},
    {"D", "\u0989", 0}, {"E", "\u098A", 0}, {"F", "\u098B", 0}, {"G", "\u098F", 0},
    {"H", "\u0990", 0}, {"I", "\u0993", 0}, {"J", "\u0994", 0},
    /* consonants */
    {"K", "\u0995", 0}, {"L", "\u0996", 0}, {"M", "\u0997", 0}, {"N", "\u0998", 0},
    {"O", "\u0999", 0}, {"P", "\u099A", 0}, {"Q", "\u099B", 0}, {"R", "\u099C", 0},
    {"S", "\u099D", 0}, {"T", "\u099E", 0}, {"U", "\u099F", 0}, {"V", "\u09A0", 0},
    {"W", "\u09A1", 0}, {"X", "\u09A2", 0}, {"Y", "\u09A3", 0}, {"Z", "\u09A4", 0},
    {"_", "\u09A5", 0}, {"`", "\u09A6", 0}, {"a", "\u09A7", 0}, {"b", "\u09A8", 0},
    {"c", "\u09AA", 0}, {"d", "\u09AB", 0}, {"e", "\u09AC", 0}, {"f", "\u09AD", 0},
    {"g", "\u09AE", 0}, {"h", "\u09AF", 0}, {"i", "\u09B0", 0}, {"j", "\u09B2", 0},
    {"k", "\u09B6", 0}, {"l", "\u09B7", 0}, {"m", "\u09B8", 0}, {"n", "\u09B9", 0},
    /* the nukta letters in NFC (their precomposed forms are composition
     * exclusions), then the precomposed forms for Unicode -> legacy */
    {"o", "\u09A1\u09BC", 0}, {"p", "\u09A2\u09BC", 0}, {"q", "\u09AF\u09BC", 0},
    {"r", "\u09CE", 0},
    {"o", "\u09DC", FH_FROM}, {"p", "\u09DD", FH_FROM}, {"q", "\u09DF", FH_FROM},
    /* conjunct ligatures and conjoining forms */
    {"\u00B6", "\u0995\u09CD\u09B7", 0}, {"\u00B3", "\u0995\u09CD\u09A4", 0},
    {"\u00B5", "\u0995\u09CD\u09B0", 0}, {"\u00B0", "\u0995\u09CD\u0995", 0},
    {"\u00CE", "\u09A4\u09CD\u09B0", 0}, {"\u00CD", "\u09A4\u09CD\u09AE", 0},
    {"\u00C1", "\u099C\u09CD\u099E", 0},
    {"\u2014", "\u09CD\u09A4", 0}, {"^", "\u09CD\u09AC", 0}, {"\u0153", "\u09CD\u09A8", 0},
    {"\u00A5", "\u09CD\u09AE", 0}, {"\u00AC", "\u09CD\u09B2", 0},
    {"\u0161", "\u09A8\u09CD", 0}, {"\u00AF", "\u09B8\u09CD", 0}, {"\u00A4", "\u09AE\u09CD", 0},
    {"\u00A8", "\u09CD\u09AF", 0}, {"\u00AA", "\u09CD\u09B0", 0}, {"\u00AB", "\u09CD\u09B0", FH_ALT},
    {"\u00A9", REPH, 0},
    /* vowel signs and other signs */
    {"v", "\u09BE", 0}, {"w", "\u09BF", 0}, {"x", "\u09C0", 0}, {"y", "\u09C1", 0},
    {"z", "\u09C1", FH_ALT}, {"~", "\u09C2", 0}, {"\u201E", "\u09C3", 0},
    {"\u2021", "\u09C7", 0}, {"\u2020", "\u09C7", FH_ALT}, {"\u02C6", "\u09C8", 0},
    {"\u0160", "\u09D7", 0}, {"s", "\u0982", 0}, {"t", "\u0983", 0}, {"u", "\u0981", 0},
    {"&", "\u09CD", 0},
    /* digits and danda */
    {"0", "\u09E6", 0}, {"1", "\u09E7", 0}, {"2", "\u09E8", 0}, {"3", "\u09E9", 0},
    {"4", "\u09EA", 0}, {"5", "\u09EB", 0}, {"6", "\u09EC", 0}, {"7", "\u09ED", 0},
    {"8", "\u09EE", 0}, {"9", "\u09EF", 0}, {"|", "\u0964", 0},
};

static const fh_script deva = {
    .first = 0x0900, .virama = 0x094D, .nukta = 0x093C, .ra = 0x0930,
    .pre_base = {0x093F, 0, 0},
};

static const fh_script beng = {
    .first = 0x0980, .virama = 0x09CD, .nukta = 0x09BC, .ra = 0x09B0,
    .pre_base = {0x09BF, 0x09C7, 0x09C8}, .e_sign = 0x09C7, .aa_sign = 0x09BE,
    .o_sign = 0x09CB, .au_sign = 0x09CC, .length_mark = 0x09D7,
    .phala_ya = 0x09AF, .khanda_ta = 0x09CE,
};

const fh_encoding loc__fh_krutidev = {krutidev, sizeof krutidev / sizeof krutidev[0], &deva};
const fh_encoding loc__fh_bijoy = {bijoy, sizeof bijoy / sizeof bijoy[0], &beng};
