// Where a transform may be cut: the word separators its rules see at most
// as the one character of context just outside a word. A word is then
// transformed with that character on each side as context (ICU's
// UTransPosition contextStart/contextLimit), and no rule can match a string
// that reaches past a separator (only the outermost, unrepeated element of
// an ante or post context may match one; no key; no anchor ^ $ or '.'), so
// every match sees what it sees in the whole line, and separators, never
// keys, pass unchanged, except a separator that a rule without context
// rewrites to a plain string (see rules_mask), which is then transformed
// on its own. Whatever is not proven is not cut: the line goes whole.
//
// Elements are examined one by one (compound IDs, ::X; steps of rule sets,
// the project's rule sets once compiled). Rule-based elements are judged on
// their rules (toRules); the others by what ICU's implementation looks at:
// normalization and case mapping stop at separators (they are inert for the
// normalizer, neither cased nor case-ignorable), escapes and names work
// on one character, Any-X hands each script run to the transform of its
// script, judged here script by script (see loc__translit_script_mask).
#include "internal.h"
#include "translit_internal.h"

#include <unicode/normalizer2.h>
#include <unicode/parsepos.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/uscript.h>

#include <string>
#include <vector>

namespace {

const UChar32 kSeps[LOC_TRANSLIT_SEPS] = {' ', '\t', '\n', '\r', '\v', '\f', 0x1361};

unsigned all_seps() { return (1u << LOC_TRANSLIT_SEPS) - 1; }

unsigned seps_in_set(const icu::UnicodeSet &s) {
  unsigned m = 0;
  for (int i = 0; i < LOC_TRANSLIT_SEPS; i++)
    if (s.contains(kSeps[i]))
      m |= 1u << i;
  return m;
}

unsigned seps_is(UChar32 c) {
  for (int i = 0; i < LOC_TRANSLIT_SEPS; i++)
    if (c == kSeps[i])
      return 1u << i;
  return 0;
}

// One element of a rule's left side: the separators it can match, whether
// it is repeated (a quantifier) or inside a group.
// The separators a rule-based transform can see only as the character just
// outside a word (see the top of the file).
struct Elem {
  unsigned bits;
  bool loose; // quantified or in a group: may match more than one place
};

// Scans each rule's left side in ICU's own rendering of its
// rules (variables resolved, sets written out). A rule may match a
// separator only with the first element of its ante context or the last of
// its post context, unrepeated; then, given that one character of context
// on each side (which the cut supplies), the rule sees what it sees in the
// whole line, and no match spans a separator. Returns 0 (nothing proven) on
// anything unexpected.
//
// One exception lets a separator be rewritten (Ethiopic-Latin's
// `\u1361 > ' : '`): a rule whose whole left side is one unrepeated element
// (no context) and whose output is a plain nonempty string ending in a
// separator T (no cursor, no back-reference). At that separator every rule
// that can start there has such a left side (any other element able to
// match it is outermost context), so the first of them rewrites it whatever
// surrounds it, and the separator transformed alone gives the same text.
// The word before sees the separator itself as post context, as in the
// whole line; the word after sees T where the cut gives it the separator,
// so every other element must match T exactly when it matches the
// separator (then it is outermost, and looks no further back). Such a
// separator is returned in the consumed bits too (LOC_TRANSLIT_CONSUMED).
unsigned rules_mask(const icu::UnicodeString &r) {
  unsigned bad = 0;
  int32_t i = 0, n = r.length();
  bool left = true, rule_start = true;
  Elem el[512];
  int ne = 0, depth = 0, ante_end = -1, key_end = -1;
  // Separators a context-free rule consumes: the first such rule's output
  // (its last character; 0 while unknown), and whether it is plain.
  UChar32 cons_last[LOC_TRANSLIT_SEPS] = {0};
  unsigned consumed = 0, cand = 0; // cand: this rule's one element
  bool out_plain = true;
  UChar32 out_last = 0;
  std::vector<unsigned> others; // bits of every other element
  auto add = [&](unsigned bits) -> bool {
    if (ne == 512)
      return false;
    el[ne++] = Elem{bits, depth > 0};
    return true;
  };
  auto end_rule = [&]() { // at ';': the output is known
    if (cand == 0)
      return;
    int last = seps_is(out_last);
    for (int b = 0; b < LOC_TRANSLIT_SEPS; b++) {
      unsigned bit = 1u << b;
      if (!(cand & bit) || (consumed & bit))
        continue; // a later rule never rewrites it
      consumed |= bit;
      if (!out_plain || last == 0)
        bad |= bit;
      else
        cons_last[b] = out_last;
    }
    cand = 0;
  };
  auto end_left = [&]() {
    int ae = ante_end < 0 ? 0 : ante_end;
    int ke = key_end < 0 ? ne : key_end;
    out_plain = true;
    out_last = 0;
    if (ne == 1 && ae == 0 && ke == 1 && !el[0].loose && el[0].bits != 0) {
      cand = el[0].bits; // one element, no context: judged at the ';'
      return;
    }
    for (int k = 0; k < ne; k++) {
      if (el[k].bits == 0)
        continue;
      others.push_back(el[k].bits);
      if (ke == ae) { // no key: an insertion could fall at the cut itself
        bad |= el[k].bits;
        continue;
      }
      bool outer_ante = k == 0 && k < ae && !el[k].loose;
      bool outer_post = k == ne - 1 && k >= ke && !el[k].loose;
      if (!outer_ante && !outer_post)
        bad |= el[k].bits;
    }
  };
  while (i < n) {
    UChar32 c = r.char32At(i);
    if (c == ';') {
      if (left)
        return 0; // a rule without an operator: not expected
      end_rule();
      left = true;
      rule_start = true;
      ne = 0;
      depth = 0;
      ante_end = key_end = -1;
      i++;
      continue;
    }
    if (u_hasBinaryProperty(c, UCHAR_PATTERN_WHITE_SPACE)) {
      i += U16_LENGTH(c);
      continue;
    }
    if (c == '\'') { // quoted literal; '' is a quote
      int32_t j = i + 1;
      bool empty = true;
      while (j < n) {
        if (r.charAt(j) == '\'') {
          if (j + 1 < n && r.charAt(j + 1) == '\'') {
            if (left && !add(0))
              return 0;
            out_last = '\'';
            j += 2;
            empty = false;
            continue;
          }
          break;
        }
        UChar32 q = r.char32At(j);
        if (left && !add(seps_is(q)))
          return 0;
        out_last = q;
        empty = false;
        j += U16_LENGTH(q);
      }
      if (j >= n)
        return 0;
      if (empty && left && !add(0)) // '' alone is an apostrophe
        return 0;
      if (empty)
        out_last = '\'';
      i = j + 1;
      rule_start = false;
      continue;
    }
    bool prop = c == '\\' && i + 1 < n &&
                (r.charAt(i + 1) == 'p' || r.charAt(i + 1) == 'P' || r.charAt(i + 1) == 'N');
    if (prop && !left) { // a name or property in the output: skip to '}'
      int32_t k = r.indexOf(u'}', i);
      if (k < 0)
        return 0;
      out_plain = false;
      i = k + 1;
      continue;
    }
    if (left && (c == '[' || prop)) { // a set: parsed by ICU itself
      UErrorCode ec = U_ZERO_ERROR;
      icu::ParsePosition pp(i);
      icu::UnicodeSet set(r, pp, USET_IGNORE_SPACE, nullptr, ec);
      if (U_FAILURE(ec) || pp.getIndex() <= i || !add(seps_in_set(set)))
        return 0;
      i = pp.getIndex();
      rule_start = false;
      continue;
    }
    if (c == '\\') {
      int32_t j = i + 1;
      UChar32 e = r.unescapeAt(j);
      if (e < 0)
        return 0;
      if (left && !add(seps_is(e)))
        return 0;
      out_last = e;
      i = j;
      rule_start = false;
      continue;
    }
    if (rule_start && c == ':' && i + 1 < n && r.charAt(i + 1) == ':')
      return 0; // an inline ::ID or filter: not expected here, not judged
    rule_start = false;
    if (!left) {
      if (c == '$' || c == '|' || c == '@' || c == '&' || c == '(' || c == ')')
        out_plain = false; // back-reference, cursor, function call
      else
        out_last = c;
      i += U16_LENGTH(c);
      continue;
    }
    switch (c) {
    case '>': case '<': case 0x2192: case 0x2190: case 0x2194:
      end_left();
      left = false;
      break;
    case '{':
      ante_end = ne;
      break;
    case '}':
      key_end = ne;
      break;
    case '(':
      depth++;
      break;
    case ')':
      depth--;
      break;
    case '*': case '+': case '?':
      if (ne > 0)
        el[ne - 1].loose = true;
      break;
    case '|': case '@':
      break;
    case '^': case '$': case '.':
      return 0; // anchors and "any character" reach the separators
    default:
      if (!add(seps_is(c)))
        return 0;
      break;
    }
    i += U16_LENGTH(c);
  }
  if (!left || ne > 0)
    return 0; // text after the last rule
  for (int b = 0; b < LOC_TRANSLIT_SEPS; b++) {
    unsigned bit = 1u << b;
    if (!(consumed & bit) || (bad & bit))
      continue;
    unsigned t = seps_is(cons_last[b]);
    if (bit == 1u << 2) // a line end is never transformed: never rewritten
      bad |= bit;
    for (unsigned o : others)
      if (((o & bit) != 0) != ((o & t) != 0))
        bad |= bit;
  }
  unsigned ok = all_seps() & ~bad;
  return ok | (ok & consumed) << LOC_TRANSLIT_CONSUMED;
}

bool starts(const icu::UnicodeString &id, const char *p) {
  return id.startsWith(icu::UnicodeString(p, -1, US_INV));
}

bool is(const icu::UnicodeString &id, const char *p) {
  return id == icu::UnicodeString(p, -1, US_INV);
}

// Separators inert for every normalization form: a boundary before and
// after, never changed.
unsigned normalizer_mask() {
  static const char *const forms[] = {"nfc", "nfkc"};
  unsigned m = all_seps();
  for (const char *f : forms) {
    UErrorCode ec = U_ZERO_ERROR;
    const icu::Normalizer2 *n =
        icu::Normalizer2::getInstance(nullptr, f, UNORM2_COMPOSE, ec);
    const icu::Normalizer2 *d =
        icu::Normalizer2::getInstance(nullptr, f, UNORM2_DECOMPOSE, ec);
    if (U_FAILURE(ec))
      return 0;
    for (int i = 0; i < LOC_TRANSLIT_SEPS; i++)
      if (!n->isInert(kSeps[i]) || !d->isInert(kSeps[i]))
        m &= ~(1u << i);
  }
  return m;
}

unsigned case_mask() {
  unsigned m = all_seps();
  for (int i = 0; i < LOC_TRANSLIT_SEPS; i++)
    if (u_hasBinaryProperty(kSeps[i], UCHAR_CASED) ||
        u_hasBinaryProperty(kSeps[i], UCHAR_CASE_IGNORABLE) ||
        u_hasBinaryProperty(kSeps[i], UCHAR_CHANGES_WHEN_CASEMAPPED))
      m &= ~(1u << i);
  return m;
}

unsigned element_mask(const icu::Transliterator &t, bool first, std::string *any_x);

// A non-rule-based element, by ID ("Any-NFD", or "NFD(NFC)" as a step of
// a rule set): what ICU's implementation looks at.
unsigned builtin_mask(const icu::UnicodeString &full, bool first, std::string *any_x) {
  icu::UnicodeString id = full;
  int32_t paren = id.indexOf(u'(');
  if (paren >= 0)
    id.truncate(paren);
  id.trim();
  bool any = starts(id, "Any-");
  icu::UnicodeString base = any ? id.tempSubString(4) : id;
  if (is(base, "NFC") || is(base, "NFD") || is(base, "NFKC") || is(base, "NFKD") ||
      is(base, "FCD") || is(base, "FCC"))
    return normalizer_mask();
  if (is(base, "Lower") || is(base, "Upper") || is(base, "Title"))
    return case_mask();
  if (is(base, "Null") || is(base, "Remove") || is(base, "Name") ||
      starts(base, "Hex"))
    return all_seps(); // one character (one escape without spaces) at a time
  if (any && first && !is(base, "BreakInternal")) {
    any_x->clear(); // script runs: judged per script as they are met
    base.toUTF8String(*any_x);
    return all_seps();
  }
  return 0; // Name-Any (names hold spaces), word breaks, anything else
}

unsigned element_mask(const icu::Transliterator &t, bool first, std::string *any_x) {
  const icu::Transliterator *real = loc__translit_lazy_real(t);
  if (real != nullptr)
    return element_mask(*real, first, any_x);
  if (loc__translit_is_lazy(t))
    return 0; // did not compile
  int32_t count = t.countElements();
  UErrorCode ec0 = U_ZERO_ERROR;
  if (count == 1 && &t.getElement(0, ec0) == &t)
    count = 0; // a single transform is its own element
  if (count > 0) {
    // A separator may be rewritten by the last step only: the steps after
    // it would see its replacement.
    unsigned m = all_seps();
    for (int32_t i = 0; i < count && (m & all_seps()) != 0; i++)
    {
      UErrorCode ec = U_ZERO_ERROR;
      const icu::Transliterator &e = t.getElement(i, ec);
      bool had = !any_x->empty();
      unsigned em = U_FAILURE(ec) || &e == &t ? 0 : element_mask(e, first && i == 0, any_x);
      if (!had && !any_x->empty() && i + 1 < count)
        *any_x += '\n'; // Any-X is followed by other steps (see below)
      unsigned cons = em >> LOC_TRANSLIT_CONSUMED;
      unsigned ok = m & em & all_seps();
      if (i + 1 < count)
        m = ok & ~cons;
      else
        m = ok | (ok & cons) << LOC_TRANSLIT_CONSUMED;
    }
    return m;
  }
  icu::UnicodeString rules;
  t.toRules(rules, false);
  icu::UnicodeString builtin = icu::UnicodeString(u"::") + t.getID() + u";";
  if (rules == builtin)
    return builtin_mask(t.getID(), first, any_x);
  return rules_mask(rules);
}

} // namespace

extern "C" unsigned loc__translit_cut_mask(const UTransliterator *ut, char *any_x,
                                           size_t cap) {
  any_x[0] = '\0';
  try {
    std::string target;
    const icu::Transliterator *t = reinterpret_cast<const icu::Transliterator *>(ut);
    unsigned m = element_mask(*t, true, &target);
    if (target.size() >= cap)
      return 0;
    // Any-X not followed by other steps (marked '\n' by element_mask):
    // the per-script transform is the last step.
    if (!target.empty() && target.back() == '\n')
      target.pop_back();
    else if (!target.empty())
      m |= LOC_TRANSLIT_ANY_LAST;
    memcpy(any_x, target.c_str(), target.size() + 1);
    return m;
  } catch (...) {
    return 0;
  }
}

extern "C" unsigned loc__translit_script_mask(const char *target, int script) {
  // As ICU's Any-X finds the transform for a script run: "<Script>-<target>"
  // or, failing that, through Latin.
  if (script < 0 || script >= USCRIPT_CODE_LIMIT)
    return 0;
  const char *name = uscript_getShortName((UScriptCode)script);
  if (name == nullptr)
    return 0;
  icu::UnicodeString src(name, -1, US_INV);
  icu::UnicodeString tgt = icu::UnicodeString::fromUTF8(target);
  UErrorCode ec = U_ZERO_ERROR;
  icu::Transliterator *t = icu::Transliterator::createInstance(
      src + u"-" + tgt, UTRANS_FORWARD, ec);
  if (U_FAILURE(ec) || t == nullptr) {
    delete t;
    ec = U_ZERO_ERROR;
    t = icu::Transliterator::createInstance(src + u"-Latin;Latin-" + tgt,
                                            UTRANS_FORWARD, ec);
    if (U_FAILURE(ec) || t == nullptr) {
      delete t;
      return all_seps(); // no transform: the run is left as it is
    }
  }
  std::string any_x;
  unsigned m = 0;
  try {
    m = element_mask(*t, false, &any_x);
  } catch (...) {
    m = 0;
  }
  delete t;
  if (!any_x.empty())
    return 0;
  // Any-X transforms a Common separator with the run around it, but alone
  // with nothing: only a separator of this script itself may be rewritten.
  for (int i = 0; i < LOC_TRANSLIT_SEPS; i++) {
    UErrorCode se = U_ZERO_ERROR;
    unsigned bit = 1u << i;
    if ((m >> LOC_TRANSLIT_CONSUMED) & bit && uscript_getScript(kSeps[i], &se) != script)
      m &= ~(bit | bit << LOC_TRANSLIT_CONSUMED);
  }
  return m;
}

// ICU's non-incremental transform of u[0..n) with one character of context
// on each side (0: none), written back to u. Returns the new length, or
// the length needed (with U_BUFFER_OVERFLOW_ERROR) when over @cap.
extern "C" int32_t loc__translit_icu_ctx(const UTransliterator *ut, UChar *u, int32_t n,
                                         int32_t cap, UChar32 before, UChar32 after,
                                         UErrorCode *e) {
  const icu::Transliterator *t = reinterpret_cast<const icu::Transliterator *>(ut);
  icu::UnicodeString s;
  if (before != 0)
    s.append(before);
  int32_t start = s.length();
  s.append(u, n);
  int32_t limit = s.length();
  if (after != 0)
    s.append(after);
  if (s.isBogus()) {
    *e = U_MEMORY_ALLOCATION_ERROR;
    return 0;
  }
  UTransPosition p = {0, s.length(), start, limit};
  t->finishTransliteration(s, p);
  int32_t m = p.limit - start;
  if (m > cap) {
    *e = U_BUFFER_OVERFLOW_ERROR;
    return m;
  }
  s.extract(start, m, u);
  return m;
}
