"""Property tests (Hypothesis): round trips, idempotence, agreement with
unicodedata, and no crash on any string; a str with lone surrogates raises
ValueError with a message."""

import unicodedata

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, strategies as st  # noqa: E402

import loctext  # noqa: E402
from loctext import idn  # noqa: E402

# Well-formed text: no surrogates.
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
# Any str, lone surrogates included.
any_str = st.text(st.characters(), max_size=40)
FORMS = ["NFC", "NFD", "NFKC", "NFKD"]


@given(text, st.sampled_from(FORMS))
def test_normalize_matches_unicodedata_and_is_idempotent(s, form):
    n = loctext.normalize(s, form)
    # Python's unicodedata may be on another Unicode version than ICU; only
    # compare on characters both know.
    if all(unicodedata.category(c) != "Cn" for c in s):
        assert n == unicodedata.normalize(form, s)
    assert loctext.normalize(n, form) == n
    assert loctext.is_normalized(n, form)


@given(text)
def test_nfkc_cf_idempotent(s):
    n = loctext.normalize(s, "NFKC_CF")
    assert loctext.normalize(n, "NFKC_CF") == n


@given(st.lists(text, max_size=8), st.sampled_from(FORMS))
def test_normalize_many_is_map(xs, form):
    assert loctext.normalize_many(xs, form) == [loctext.normalize(x, form) for x in xs]


# Text of CPython's 1-byte layout (U+0000..U+00FF), which normalize() maps
# through a per-form table instead of the library's UTF-16 call.
latin1 = st.text(st.characters(max_codepoint=0xFF), max_size=60)


@given(latin1, st.sampled_from(FORMS + ["NFKC_CF"]))
def test_latin1_table_agrees_with_the_library(s, form):
    n = loctext.normalize(s, form)
    if form != "NFKC_CF":
        assert n == unicodedata.normalize(form, s)
    # U+0180 makes the str a 2-byte one, which goes to the library whole;
    # it is a lowercase starter without a decomposition, which no form
    # changes or composes with what comes before
    wide = loctext.normalize(s + "\u0180", form)
    assert wide == n + "\u0180"
    assert loctext.normalize_many([s], form) == [n]


@given(st.lists(text, max_size=8))
def test_normalize_many_is_map_nfkc_cf(xs):
    assert loctext.normalize_many(xs, "NFKC_CF") == [loctext.normalize(x, "NFKC_CF") for x in xs]


@given(st.lists(any_str, max_size=6), st.sampled_from(FORMS + ["NFKC_CF"]))
def test_normalize_many_names_the_item_with_a_lone_surrogate(xs, form):
    bad = [i for i, x in enumerate(xs) if any(0xD800 <= ord(c) <= 0xDFFF for c in x)]
    if bad:
        with pytest.raises(ValueError, match=f"item {bad[0]}: .*lone surrogate"):
            loctext.normalize_many(xs, form)
    else:
        assert loctext.normalize_many(xs, form) == [loctext.normalize(x, form) for x in xs]


@given(text)
def test_script_runs_cover_the_text(s):
    runs = list(loctext.script_runs(s))
    assert "".join(r.text for r in runs) == s
    pos = 0
    for r in runs:
        assert r.start == pos and r.end > r.start
        pos = r.end
    assert loctext.script_summary(s).total == len(s)


@given(text)
def test_segments_cover_the_text(s):
    for kind in ("grapheme", "word", "sentence", "line"):
        assert "".join(x.text for x in loctext.segment(s, kind)) == s


LABEL = st.text(st.sampled_from("abcxyz0123-äöüßçéαβγабвדהו한국日本ไทย"), min_size=1, max_size=12)


@given(st.lists(LABEL, min_size=1, max_size=3))
def test_idn_round_trip(labels):
    name = ".".join(labels)
    a = idn.to_ascii(name)
    if a.ok:
        u = idn.to_unicode(a.output)
        assert u.ok
        assert idn.to_ascii(u.output).output == a.output
    else:
        assert a.errors and all(e.code and e.message for e in a.errors)
        for e in a.errors:
            assert 0 <= e.offset <= len(name)


@given(text)
def test_key_detect_check_do_not_crash(s):
    k = loctext.key(s)
    assert loctext.key(k) == k  # keys are fixed points
    d = loctext.detect(s)
    assert 0.0 <= d.confidence <= 1.0
    for f in loctext.check(s):
        assert 0 <= f.start <= f.end <= len(s)
    fixed = loctext.fix(s)
    assert isinstance(fixed, str)


@given(text)
def test_translit_does_not_crash(s):
    assert isinstance(loctext.translit(s, "Any-Latin"), str)
    assert isinstance(loctext.translit(s, "Any-Latin; Latin-ASCII"), str)


@given(text)
def test_zawgyi_round_trip_on_converted_text(s):
    # Unicode -> Zawgyi -> Unicode is stable on text the converter produced
    u = loctext.zawgyi_to_unicode(s)
    assert isinstance(u, str)
    p = loctext.zawgyi_probability(s)
    assert p is None or 0.0 <= p <= 1.0


@given(any_str)
def test_any_str_gives_a_result_or_a_clear_value_error(s):
    has_surrogate = any(0xD800 <= ord(c) <= 0xDFFF for c in s)
    for call in (loctext.normalize, loctext.detect, idn.to_ascii, loctext.key,
                 lambda x: list(loctext.script_runs(x))):
        if has_surrogate:
            with pytest.raises(ValueError, match="lone surrogate"):
                call(s)
        else:
            call(s)
