"""Japanese usage slips, found from Sudachi's parts of speech and conjugations, not word lists.

- 二重敬語: an honorific verb (尊敬語: おっしゃる, いらっしゃる, ご覧になる, お〜になる) with the
  honorific auxiliary れる/られる on top ("おっしゃられる" -> "おっしゃる"), and お + verb +
  させていただく, humble twice ("お送りさせていただきます" -> "お送りいたします").
- ら抜き言葉: the potential of a 一段 (or カ変) verb made with れる instead of られる
  ("見れます" -> "見られます"); Sudachi gives the written form's verb ("見る") and its
  conjugation type, so the correct "帰れる" (a 五段 verb) is never flagged. Likewise れる after
  any 一段 verb ("受け取れれます", れ足す言葉).
- A particle written twice in a row ("をを").
"""

from __future__ import annotations

from guardrails.practice.edits import Edit
from guardrails.practice.morphemes import Morpheme, conjugation_of, morphemes

# Verbs that are honorific (尊敬語) in themselves; their normalised forms.
_HONORIFIC_VERBS = frozenset({"仰る", "いらっしゃる", "召し上がる", "為さる", "下さる"})
# Their 連用形 before ます ("おっしゃいます"), an irregularity of these four verbs.
_I_BEFORE_MASU = frozenset({"仰る", "いらっしゃる", "為さる", "下さる"})
# Verbs that are humble (謙譲語) in themselves: "お伺いさせていただく" -> "伺います".
_HUMBLE_VERBS = frozenset({"伺う", "申す", "参る", "存じる", "頂く"})
_HONORIFIC_AUX = frozenset({"れる", "られる"})
_ICHIDAN = ("上一段", "下一段", "カ行変格")
_CASE_PARTICLES = frozenset({"格助詞", "係助詞", "副助詞"})


def _is_honorific_aux(morpheme: Morpheme) -> bool:
    return morpheme.pos[0] == "助動詞" and morpheme.dictionary_form in _HONORIFIC_AUX


def _honorific_base(ms: tuple[Morpheme, ...], i: int) -> bool:
    """True when morpheme ``i`` is an honorific verb (in itself, or なる of ご覧/お〜になる)."""
    verb = ms[i]
    if verb.pos[0] != "動詞":
        return False
    if verb.normalized_form in _HONORIFIC_VERBS:
        return True
    if verb.normalized_form != "成る" or i < 2 or ms[i - 1].surface != "に":
        return False
    noun = ms[i - 2]
    prefixed = i >= 3 and ms[i - 3].pos[0] == "接頭辞" and ms[i - 3].normalized_form == "御"
    return noun.normalized_form == "御覧" or prefixed


def _ra_godan_fix(verb: Morpheme, aux: Morpheme, after: Morpheme | None) -> str | None:
    """The honorific verb alone, in the form the auxiliary had (all these verbs are ラ行五段)."""
    stem = verb.dictionary_form[:-1]
    if aux.conjugation_form.startswith(("終止形", "連体形")):
        return verb.dictionary_form
    if after is None or not aux.conjugation_form.startswith("連用形"):
        return None
    if after.dictionary_form == "ます":
        return stem + ("い" if verb.normalized_form in _I_BEFORE_MASU else "り")
    if after.dictionary_form in ("た", "て"):
        return stem + "っ"
    return None


def _double_honorific(ms: tuple[Morpheme, ...]) -> list[Edit]:
    edits = []
    for i in range(len(ms) - 1):
        if not (_honorific_base(ms, i) and _is_honorific_aux(ms[i + 1])):
            continue
        after = ms[i + 2] if i + 2 < len(ms) else None
        edits.append(
            Edit(
                start=ms[i].start,
                end=ms[i + 1].end,
                kind="double_keigo",
                message="二重敬語: an honorific verb with れる/られる added (e.g. おっしゃられる).",
                suggestion=_ra_godan_fix(ms[i], ms[i + 1], after),
            )
        )
    return edits


def _double_humble(ms: tuple[Morpheme, ...]) -> list[Edit]:
    """お + verb (連用形) + させ + て + いただく: humble twice over."""
    edits = []
    for i in range(len(ms) - 4):
        prefix, verb, causative, te, receive = ms[i : i + 5]
        if not (
            prefix.pos[0] == "接頭辞"
            and prefix.normalized_form == "御"
            and verb.pos[0] == "動詞"
            and causative.dictionary_form in ("させる", "せる")
            and te.surface == "て"
            and receive.normalized_form == "頂く"
        ):
            continue
        suggestion = None
        if receive.conjugation_form.startswith("連用形"):
            if verb.normalized_form in _HUMBLE_VERBS:
                suggestion = verb.surface
            else:
                suggestion = prefix.surface + verb.surface + "いたし"
        edits.append(
            Edit(
                start=prefix.start,
                end=receive.end,
                kind="double_keigo",
                message="二重敬語: お〜させていただく is humble twice (e.g. お伺いさせていただく).",
                suggestion=suggestion,
            )
        )
    return edits


def _ra_nuki(ms: tuple[Morpheme, ...]) -> list[Edit]:
    edits = []
    for m in ms:
        if m.pos[0] != "動詞" or not m.dictionary_form.endswith("れる"):
            continue
        base = m.normalized_form
        if base == m.dictionary_form:
            continue  # a verb of its own (入れる, 取れる), not a potential form
        if not conjugation_of(base).startswith(_ICHIDAN):
            continue  # 帰れる, 行ける: the correct potential of a 五段 verb
        cut = m.surface.rfind("れ")
        if cut <= 0:
            continue
        edits.append(
            Edit(
                start=m.start,
                end=m.end,
                kind="ra_nuki",
                message="ら抜き言葉: this verb's potential takes られる (見られる, not 見れる).",
                suggestion=m.surface[:cut] + "られ" + m.surface[cut + 1 :],
            )
        )
    return edits


def _ichidan_with_reru(ms: tuple[Morpheme, ...]) -> list[Edit]:
    """A 一段 verb followed by the auxiliary れる, which only 五段 verbs take.

    一段 verbs take られる ("見られる"); "受け取れれる" (れ足す言葉: れる added to a verb that
    is already potential) and a split "見れる" are the same slip.
    """
    edits = []
    for verb, aux in zip(ms, ms[1:], strict=False):
        if not (
            verb.pos[0] == "動詞"
            and verb.conjugation_type.startswith(_ICHIDAN)
            and verb.conjugation_form.startswith("未然形")
            and aux.pos[0] == "助動詞"
            and aux.dictionary_form == "れる"
        ):
            continue
        potential = verb.dictionary_form.endswith("れる")
        edits.append(
            Edit(
                start=verb.start,
                end=aux.end,
                kind="re_tasu" if potential else "ra_nuki",
                message="れる after a 一段 verb (受け取れれる, 見れる): use られる or drop it.",
                suggestion=verb.surface + (aux.surface[1:] if potential else "ら" + aux.surface),
            )
        )
    return edits


def _repeated_particles(ms: tuple[Morpheme, ...]) -> list[Edit]:
    edits: list[Edit] = []
    for first, second in zip(ms, ms[1:], strict=False):
        if edits and first.start < edits[-1].end:
            continue  # "ををを" is one slip
        if (
            first.pos[0] == "助詞"
            and first.pos[1] in _CASE_PARTICLES
            and second.surface == first.surface
            and second.pos[0] == "助詞"
            and first.end == second.start
        ):
            edits.append(
                Edit(
                    start=first.start,
                    end=second.end,
                    kind="repeated_particle",
                    message="A particle is written twice in a row.",
                    suggestion=first.surface,
                )
            )
    return edits


def japanese_slips(text: str) -> list[Edit]:
    """二重敬語, ら抜き言葉 and doubled particles in a Japanese ``text``."""
    ms = morphemes(text)
    return (
        _double_honorific(ms)
        + _double_humble(ms)
        + _ra_nuki(ms)
        + _ichidan_with_reru(ms)
        + _repeated_particles(ms)
    )
