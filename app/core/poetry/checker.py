"""The form checker: per-line counts, rhyme groups, end marks and tones, and a conformity score.

Sources and rules:

* **English syllables** come from CMUdict via the ``pronouncing`` package: a word's count is
  the number of stressed/unstressed vowel phones (digits) in its *first* CMUdict
  pronunciation; ``count_range`` spans all its pronunciations (``fire`` 2 or 1, ``every`` 3 or
  2), and a line is ``ok`` when that range meets the expected one. Words not in CMUdict use
  :func:`estimate_syllables`, a vowel-group heuristic (see there). Digits are ignored.
* **English rhyme**: ``pronouncing.rhyming_part`` (the phones from the last stressed vowel),
  stress digits removed, of the line's last word, for every pronunciation; two lines rhyme
  if their sets meet. If either word is not in CMUdict, the spelling fallback compares the
  last vowel group and the letters after it (``blate``/``late`` → ``ate``).
* **Japanese morae** (``ja`` forms): every kana counts one mora, except the small
  ゃゅょぁぃぅぇぉゎ (and katakana forms) that join the previous kana; っ, ん and ー count one.
  A kanji's reading is unknown without a dictionary: it counts 2 (range 1-3). Latin letters,
  digits and punctuation count 0. Japanese forms have no rhyme.
* **Chinese**: characters counted are Han characters only (U+3400-U+4DBF, U+4E00-U+9FFF,
  U+F900-U+FAFF); punctuation is not counted. Rhyme groups come from ``pypinyin``
  ``Style.FINALS`` (strict) of the line's last Han character, grouped by the 14 rhyme
  groups of 中华新韵 (:data:`ZH_RHYME_GROUPS`); two lines rhyme if any readings of their end
  characters share a group (还 hái/huán rhymes with 山). Tones from ``pypinyin``: 平 =
  tones 1 and 2, 仄 = tones 3 and 4; with ``classical_tones`` (the default) the common 入声
  characters of :data:`RUSHENG` that Mandarin now reads in tones 1-2 (一, 白, 国, 不, ...) count
  as 仄. A polyphone counts as matching when any of its readings does.

Conformity score (:data:`WEIGHTS`), each component in [0, 1]; components a form does not
have (rhyme in a haiku, tones in English) are left out and the weights of the rest are
renormalised:

* ``lines`` 0.20: 0.8 × line-count score (1 if equal, else max(0, 1 − |n − N| / N)) + 0.2 ×
  (stanza sizes equal).
* ``counts`` 0.35: mean over the N expected lines of 1 if the count is in range, else
  max(0, 1 − 2·d / hi) (d = distance to the range, hi its upper end); a missing line scores 0.
* ``rhyme`` 0.25: the share of required line pairs of each rhyme letter that rhyme (the same
  end word repeated counts ½); optional lines (``A?``) are not scored.
* ``punctuation`` 0.10: the share of lines with the right end mark (，accepts ；, 。 accepts ？ and
  ！; ASCII ,.;?! count as their full-width forms).
* ``tones`` 0.10: the best of the form's 平仄 patterns, as the share of its 平/仄 positions
  matched. It is kept light because old-style poems (静夜思) break 近体 rules.

Free verse scores 1.0 when the poem has at least one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

import pronouncing  # type: ignore[import-untyped]  # no stubs; CMUdict lookups only
from pypinyin import Style, pinyin
from pypinyin.style import convert

from app.core.poetry.forms import Form

#: Conformity weights (see the module docstring); they sum to 1.
WEIGHTS: dict[str, float] = {"lines": 0.2, "counts": 0.35, "rhyme": 0.25, "punctuation": 0.1, "tones": 0.1}

VOWELS = "aeiouy"
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")
_STRESS = re.compile(r"\d")
_CJK_VERSE = re.compile(r"[^，。？！；,.?!;]+[，。？！；,.?!;]*")
_ASCII_TO_FULL = str.maketrans({",": "，", ".": "。", "?": "？", "!": "！", ";": "；"})
#: End marks accepted for each required one (see ``punctuation`` in the module docstring).
_MARK_ACCEPTS = {"，": "，；", "。": "。？！"}

#: 中华新韵 (2005) fourteen rhyme groups, keyed by our group label; values are pypinyin
#: strict finals (ü written v). The apical vowel of zhi/chi/shi/ri/zi/ci/si (final 'i' after
#: zh ch sh r z c s) is its own group '-i' (十三支); er is put with 齐 as 中华新韵 does.
ZH_RHYME_GROUPS: dict[str, tuple[str, ...]] = {
    "a": ("a", "ia", "ua"),  # 一麻
    "o": ("o", "e", "uo", "io"),  # 二波
    "ie": ("ie", "ve", "ê"),  # 三皆
    "ai": ("ai", "uai"),  # 四开
    "ei": ("ei", "uei"),  # 五微
    "ao": ("ao", "iao"),  # 六豪
    "ou": ("ou", "iou"),  # 七尤
    "an": ("an", "ian", "uan", "van"),  # 八寒
    "en": ("en", "in", "uen", "vn"),  # 九文
    "ang": ("ang", "iang", "uang"),  # 十唐
    "eng": ("eng", "ing", "ong", "iong", "ueng"),  # 十一庚
    "i": ("i", "er", "v"),  # 十二齐
    "-i": (),  # 十三支 (see above)
    "u": ("u",),  # 十四姑
}
_FINAL_TO_GROUP = {final: group for group, finals in ZH_RHYME_GROUPS.items() for final in finals}
_APICAL_INITIALS = frozenset({"zh", "ch", "sh", "r", "z", "c", "s"})

#: Common 入声 characters (仄 in classical prosody) that Mandarin reads in tone 1 or 2. Partial:
#: the most frequent ones in poetry, after the 广韵 入声 rhymes.
RUSHENG = frozenset(
    "一七八十不石白国竹福黑出发说节急得德独读毒敌笛吉极集级足俗族学觉杂实食识拾席习夕惜息"
    "析昔锡织职直执植责则泽宅折舌薄博伯格隔革阁合活叠蝶菊局橘绝决杰洁结截桌卓捉哭屋秃突"
    "扑叔熟湿失劈逼滴激击积跌贴接揭切缺约曰脱托拨泼喝郭割鸽别夹插压鸭杀察达答拔罚乏伐滑"
    "侠峡狭协胁穴拍摘逐烛轴粥服伏佛昨"
)

_SMALL_KANA = frozenset("ゃゅょぁぃぅぇぉゎャュョァィゥェォヮ")


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u3096" or "\u30a1" <= ch <= "\u30fa" or ch == "ー"


# --- English -----------------------------------------------------------------------------


def estimate_syllables(word: str) -> int:
    """Syllables of a word not in CMUdict, by counting vowel groups ([aeiouy]+), then:

    * a silent final ``e`` takes one off (``blate`` 1), except ``-ee``/``-ye``/``-oe`` and a
      consonant + ``le`` (``snarkle`` 2);
    * ``-es`` after a consonant other than s, x, z, ch, sh, c, g takes one off (``blorpes`` 1);
    * ``-ed`` not after t or d takes one off (``vaxxed`` 1, ``glanted`` 2);
    * ``i`` before a, o or u, not after t, c, s, g or x, adds one (``florio`` 3, but ``-tion``).

    Always at least 1 for a word with letters. Returns 0 for no letters.
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    n = len(re.findall(r"[aeiouy]+", w))
    n += len(re.findall(r"(?<![tcsgx])i(?=[aou])", w))
    if n > 1:
        if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
            if not (w.endswith("le") and len(w) > 2 and w[-3] not in VOWELS):
                n -= 1
        elif w.endswith("es") and len(w) > 3 and w[-3] not in VOWELS:
            if w[-3] not in "sxzcg" and not w.endswith(("ches", "shes")):
                n -= 1
        elif w.endswith("ed") and len(w) > 3 and w[-3] not in "td":
            n -= 1
    return max(1, n)


@lru_cache(maxsize=8192)
def _phones(word: str) -> tuple[str, ...]:
    """CMUdict pronunciations of ``word`` (lower case), trying forms without apostrophes."""
    w = word.lower().strip("'")
    candidates = [w]
    if "'" in w:  # summer's, dimm'd → dimmed, ow'st → ow
        candidates += [w.replace("'", ""), re.sub(r"'d\Z", "ed", w), w.split("'")[0]]
    for candidate in candidates:
        phones = pronouncing.phones_for_word(candidate)
        if phones:
            return tuple(phones)
    return ()


def in_cmudict(word: str) -> bool:
    """Whether CMUdict knows ``word`` (otherwise the fallbacks are used)."""
    return bool(_phones(word))


def syllable_range(word: str) -> tuple[int, int]:
    """(fewest, most) syllables over the word's CMUdict pronunciations, or the estimate twice."""
    phones = _phones(word)
    if not phones:
        n = estimate_syllables(word)
        return n, n
    counts = [pronouncing.syllable_count(p) for p in phones]
    return min(counts), max(counts)


def syllable_count(word: str) -> int:
    """Syllables of one word: its first CMUdict pronunciation, else :func:`estimate_syllables`."""
    phones = _phones(word)
    return pronouncing.syllable_count(phones[0]) if phones else estimate_syllables(word)


def words(line: str) -> list[str]:
    """The words of an English line (letters with inner apostrophes; curly quotes normalised)."""
    return _WORD.findall(line.replace("\u2019", "'").replace("\u2018", "'"))


def count_syllables(line: str) -> int:
    """Syllables of an English line (sum of :func:`syllable_count`)."""
    return sum(syllable_count(w) for w in words(line))


def _spelled_rhyme(word: str) -> str:
    w = re.sub(r"[^a-z]", "", word.lower())
    match = re.search(r"[aeiouy]+[^aeiouy]+e\Z", w) if w.endswith("e") else None
    match = match or re.search(r"[aeiouy]+[^aeiouy]*\Z", w)
    return "~" + (match.group(0) if match else w)


def rhyme_keys(word: str) -> frozenset[str]:
    """Rhyme keys of an English word: CMUdict rhyming parts without stress digits (``fire`` →
    {'AY ER', 'AY R'}); for an unknown word the spelling key ('~' + last vowel group + rest)."""
    phones = _phones(word)
    if not phones:
        return frozenset({_spelled_rhyme(word)})
    return frozenset(_STRESS.sub("", pronouncing.rhyming_part(p)) for p in phones)


def rhyme_key(word: str) -> str:
    """The rhyme key of the word's first CMUdict pronunciation (or its spelling key)."""
    phones = _phones(word)
    return _STRESS.sub("", pronouncing.rhyming_part(phones[0])) if phones else _spelled_rhyme(word)


def words_rhyme(a: str, b: str) -> bool:
    """Whether two English words rhyme (phonetic keys meet; spelling keys if either is unknown)."""
    if in_cmudict(a) and in_cmudict(b):
        return bool(rhyme_keys(a) & rhyme_keys(b))
    return _spelled_rhyme(a) == _spelled_rhyme(b)


# --- Japanese ----------------------------------------------------------------------------


def morae_range(text: str) -> tuple[int, int, int]:
    """(estimate, lo, hi) morae of a Japanese line: kana exactly, each kanji 2 (1-3)."""
    kana = sum(1 for ch in text if _is_kana(ch) and ch not in _SMALL_KANA)
    kanji = len(_HAN.findall(text))
    return kana + 2 * kanji, kana + kanji, kana + 3 * kanji


def count_morae(text: str) -> int:
    """Estimated morae of a Japanese line (see :func:`morae_range`)."""
    return morae_range(text)[0]


# --- Chinese -----------------------------------------------------------------------------


def han_chars(text: str) -> str:
    """The Han characters of ``text`` in order (punctuation, spaces, Latin dropped)."""
    return "".join(_HAN.findall(text))


def _readings(han: str) -> list[list[str]]:
    """Tone-marked pinyin readings per character of a Han-only string, the usual one first
    (pypinyin's phrase dictionary picks the reading in context where it knows the word)."""
    if not han:
        return []
    readings = pinyin(han, style=Style.TONE, heteronym=True)
    if len(readings) != len(han):  # pypinyin joins runs of characters it has no reading for
        readings = [pinyin(ch, style=Style.TONE, heteronym=True)[0] for ch in han]
    return readings


def _group_of(reading: str) -> str:
    final = convert(reading, Style.FINALS, True)
    if final == "i" and convert(reading, Style.INITIALS, False) in _APICAL_INITIALS:
        return "-i"
    return _FINAL_TO_GROUP.get(final, final)


def _tone_class(reading: str, char: str, classical: bool) -> str:
    tone = convert(reading, Style.TONE3, False)[-1:]
    if tone in ("1", "2"):
        return "仄" if classical and char in RUSHENG else "平"
    if tone in ("3", "4"):
        return "仄"
    return "?"


def rhyme_groups_zh(char: str) -> frozenset[str]:
    """The 中华新韵 groups of every reading of a Han character (还 → {'ai', 'an', 'u'})."""
    if not _HAN.fullmatch(char or ""):
        return frozenset()
    return frozenset(_group_of(r) for r in _readings(char)[0])


def rhyme_group_zh(char: str) -> str:
    """The 中华新韵 group label (a key of :data:`ZH_RHYME_GROUPS`) of a Han character's usual
    reading, from its pypinyin strict final; '' for a non-Han character. A final outside the
    table is returned as it is."""
    if not _HAN.fullmatch(char or ""):
        return ""
    return _group_of(_readings(char)[0][0])


def tone_classes(text: str, *, classical: bool = True) -> list[frozenset[str]]:
    """Per Han character of ``text``, the tone classes of its readings ({'平'}, {'仄'}, both for
    a polyphone whose readings differ, or {'?'} for a neutral tone)."""
    han = han_chars(text)
    return [
        frozenset(_tone_class(r, ch, classical) for r in options)
        for ch, options in zip(han, _readings(han), strict=True)
    ]


def tones_zh(text: str, *, classical: bool = True) -> str:
    """The 平仄 string of a line's Han characters (usual reading): '平', '仄' or '?' each."""
    han = han_chars(text)
    return "".join(_tone_class(r[0], ch, classical) for ch, r in zip(han, _readings(han), strict=True))


def _tone_matches(pattern: str, classes: Sequence[frozenset[str]]) -> tuple[int, int]:
    """(matched, constrained) positions of one line against one 平仄 pattern string."""
    matched = constrained = 0
    for i, mark in enumerate(pattern):
        if mark == "中":
            continue
        constrained += 1
        if i < len(classes) and (mark in classes[i] or "?" in classes[i]):
            matched += 1
    return matched, constrained


# --- Results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LineResult:
    """One line as checked.

    Attributes:
        text: the line as written (stripped).
        count: syllables (en), estimated morae (ja) or Han characters (zh).
        count_range: (lo, hi) over pronunciations (en) or kanji readings (ja); (count, count) for zh.
        expected: (lo, hi) the form wants for this line, or None (free verse, extra line).
        ok: count_range meets expected; None when nothing is expected.
        rhyme_key: the end word's rhyme key ('AY ER', '~orp', or a 中华新韵 group such as 'ang');
            '' if none (ja, or no word).
        rhyme_keys: all keys (en pronunciations); used to compare lines.
        end_word: the last English word or Han character.
        punctuation_ok: the right end mark (zh forms with marks), else None.
        tone_ok: every 平/仄 position of the best pattern matched (zh forms with tones), else None.
        tones: the line's 平仄 string (zh), else ''.
        unknown_words: English words not in CMUdict (counted by the fallback).
        stanza: 0-based stanza index (blank lines separate stanzas).
    """

    text: str
    count: int
    count_range: tuple[int, int]
    expected: tuple[int, int] | None
    ok: bool | None
    rhyme_key: str
    rhyme_keys: frozenset[str] = frozenset()
    end_word: str = ""
    punctuation_ok: bool | None = None
    tone_ok: bool | None = None
    tones: str = ""
    unknown_words: tuple[str, ...] = ()
    stanza: int = 0


@dataclass(frozen=True)
class PoemResult:
    """A poem checked against a form.

    Attributes:
        score: conformity in [0, 1] (weights in :data:`WEIGHTS`).
        components: the applicable components' scores in [0, 1], by name.
        line_count_ok / stanzas_ok: exact line count / stanza sizes (True for free verse).
        rhyme_ok: every required pair rhymes; None if the form has no rhyme pairs.
        stanza_sizes: the lines per stanza found.
    """

    form_id: str
    lines: tuple[LineResult, ...]
    score: float
    components: dict[str, float] = field(default_factory=dict)
    line_count_ok: bool = True
    stanzas_ok: bool = True
    rhyme_ok: bool | None = None
    stanza_sizes: tuple[int, ...] = ()


def split_poem(text: str, language: str = "en") -> list[list[str]]:
    """Stanzas of non-empty lines (blank lines separate stanzas). For Chinese, a text line
    holding several verses (床前明月光，疑是地上霜。) is split after each end mark."""
    stanzas: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            if stanzas[-1]:
                stanzas.append([])
            continue
        if language == "zh":
            stanzas[-1].extend(v.strip() for v in _CJK_VERSE.findall(line) if v.strip())
        else:
            stanzas[-1].append(line)
    return [s for s in stanzas if s]


def _count_score(rng: tuple[int, int], expected: tuple[int, int]) -> float:
    lo, hi = expected
    if rng[1] >= lo and rng[0] <= hi:
        return 1.0
    d = lo - rng[1] if rng[1] < lo else rng[0] - hi
    return max(0.0, 1.0 - 2.0 * d / hi)


def _end_mark(line: str) -> str:
    tail = line.rstrip()[-1:].translate(_ASCII_TO_FULL)
    return tail if tail and not _HAN.match(tail) else ""


def _punctuation_ok(line: str, wanted: str, optional: bool) -> bool:
    mark = _end_mark(line)
    if not mark:
        return optional
    return mark in _MARK_ACCEPTS.get(wanted, wanted)


def _measure(form: Form, text: str) -> tuple[int, tuple[int, int], str, frozenset[str], str, tuple[str, ...]]:
    """(count, range, rhyme_key, rhyme_keys, end_word, unknown words) of one line."""
    if form.language == "zh":
        han = han_chars(text)
        if not han:
            return 0, (0, 0), "", frozenset(), "", ()
        last = _readings(han)[-1]  # in the line's context
        keys = frozenset(g for g in map(_group_of, last) if g)
        return len(han), (len(han), len(han)), _group_of(last[0]), keys, han[-1], ()
    if form.language == "ja":
        est, lo, hi = morae_range(text)
        return est, (lo, hi), "", frozenset(), "", ()
    ws = words(text)
    unknown = tuple(w for w in ws if not in_cmudict(w))
    count = sum(syllable_count(w) for w in ws)
    ranges = [syllable_range(w) for w in ws]
    rng = (sum(r[0] for r in ranges), sum(r[1] for r in ranges))
    if not ws:
        return 0, (0, 0), "", frozenset(), "", ()
    end = ws[-1]
    keys = rhyme_keys(end)
    return count, rng, rhyme_key(end), keys, end, unknown


def _pair_rhymes(form: Form, a: LineResult, b: LineResult) -> float:
    """1 if two lines rhyme, ½ if by repeating the end word, else 0."""
    if not a.end_word or not b.end_word:
        return 0.0
    if form.language == "en":
        rhymes = words_rhyme(a.end_word, b.end_word)
        same = a.end_word.lower() == b.end_word.lower()
    else:
        rhymes = bool(a.rhyme_keys & b.rhyme_keys)
        same = a.end_word == b.end_word
    return (0.5 if same else 1.0) if rhymes else 0.0


def check_poem(form: Form, text: str, *, classical_tones: bool = True) -> PoemResult:
    """Check ``text`` (a poem, one line per line, blank lines between stanzas) against ``form``.

    ``classical_tones``: count the :data:`RUSHENG` characters as 仄 (see the module docstring).
    """
    stanzas = split_poem(text, form.language)
    flat = [(s, line) for s, lines in enumerate(stanzas) for line in lines]
    sizes = tuple(len(s) for s in stanzas)
    n = len(flat)
    expected_n = form.lines or 0
    measures = [_measure(form, line) for _, line in flat]

    expected: list[tuple[int, int] | None] = []
    for i in range(n):
        if i < expected_n and form.syllables:
            expected.append(form.syllables[i])
        elif i < expected_n and form.chars:
            expected.append((form.chars[i], form.chars[i]))
        else:
            expected.append(None)

    # Tones: the best pattern over the whole poem.
    classes = [tone_classes(line, classical=classical_tones) for _, line in flat] if form.tones else []
    best_pattern: tuple[str, ...] = ()
    tone_score = 0.0
    for pattern in form.tones:
        matched = constrained = 0
        for i, line_pattern in enumerate(pattern):
            m, c = _tone_matches(line_pattern, classes[i] if i < n else [])
            matched += m
            constrained += c
        score = matched / constrained if constrained else 1.0
        if not best_pattern or score > tone_score:
            best_pattern, tone_score = pattern, score

    results: list[LineResult] = []
    for i, ((stanza, line), (count, rng, key, keys, end, unknown)) in enumerate(
        zip(flat, measures, strict=True)
    ):
        exp = expected[i]
        punct: bool | None = None
        if form.punctuation and i < expected_n:
            punct = _punctuation_ok(line, form.punctuation[i], form.punctuation_optional)
        tone_ok: bool | None = None
        if best_pattern and i < expected_n:
            m, c = _tone_matches(best_pattern[i], classes[i])
            tone_ok = m == c and count == len(best_pattern[i])
        results.append(
            LineResult(
                text=line,
                count=count,
                count_range=rng,
                expected=exp,
                ok=None if exp is None else _count_score(rng, exp) == 1.0,
                rhyme_key=key,
                rhyme_keys=keys,
                end_word=end,
                punctuation_ok=punct,
                tone_ok=tone_ok,
                tones=tones_zh(line, classical=classical_tones) if form.language == "zh" else "",
                unknown_words=unknown,
                stanza=stanza,
            )
        )

    if form.lines is None:
        return PoemResult(form.id, tuple(results), 1.0 if n else 0.0, {}, stanza_sizes=sizes)

    components: dict[str, float] = {}
    count_part = 1.0 if n == expected_n else max(0.0, 1.0 - abs(n - expected_n) / expected_n)
    stanzas_ok = sizes == form.stanzas
    components["lines"] = 0.8 * count_part + 0.2 * stanzas_ok
    if form.syllables or form.chars:
        per_line = [
            _count_score(results[i].count_range, exp) if i < n and (exp := expected[i]) else 0.0
            for i in range(expected_n)
        ]
        components["counts"] = sum(per_line) / expected_n

    rhyme_ok: bool | None = None
    pairs: list[float] = []
    groups: dict[str, list[int]] = {}
    for i, slot in enumerate(form.rhyme):
        if slot.group and not slot.optional:
            groups.setdefault(slot.group, []).append(i)
    for members in groups.values():
        for a, b in combinations(members, 2):
            pairs.append(_pair_rhymes(form, results[a], results[b]) if b < n else 0.0)
    if pairs:
        components["rhyme"] = sum(pairs) / len(pairs)
        rhyme_ok = all(p == 1.0 for p in pairs)

    if form.punctuation:
        components["punctuation"] = sum(1.0 for r in results[:expected_n] if r.punctuation_ok) / expected_n
    if form.tones:
        components["tones"] = tone_score

    total_weight = sum(WEIGHTS[k] for k in components)
    score = sum(WEIGHTS[k] * v for k, v in components.items()) / total_weight
    return PoemResult(
        form_id=form.id,
        lines=tuple(results),
        score=max(0.0, min(1.0, score)),
        components=components,
        line_count_ok=n == expected_n,
        stanzas_ok=stanzas_ok,
        rhyme_ok=rhyme_ok,
        stanza_sizes=sizes,
    )


def ranking_key(poem_result: PoemResult, mean_logprob: float) -> tuple[float, float]:
    """Sort key for candidates, best first with ``sorted(..., key=...)``: higher conformity, then
    higher mean log-probability per token (natural log, ≤ 0). The score is rounded to 1e-9 so
    float noise does not hide the log-probability tie-break."""
    return (-round(poem_result.score, 9), -mean_logprob)
