"""The bilingual glossary: expansion of a keyword to its equivalents, and boundary-aware matching."""

from __future__ import annotations

import pytest

from crawler.alerts.glossary import Glossary, load_glossary
from tests.alerts.dbfactory import TEST_TOPICS


def test_an_english_keyword_brings_its_chinese_equivalents() -> None:
    glossary = Glossary(TEST_TOPICS)
    terms = glossary.expand("Cell Therapy")
    assert terms[0] == "Cell Therapy"
    assert {"细胞治疗", "免疫细胞治疗", "干细胞", "cell therapies"} <= set(terms)
    assert {"Cell therapy", "cell therapies", "免疫细胞治疗"} <= set(glossary.expand("细胞治疗"))  # and back
    assert glossary.expand("quantum") == ("quantum",)


@pytest.mark.parametrize(
    ("text", "terms", "found"),
    [
        ("New rules on cell therapy products", ["cell therapy"], ["cell therapy"]),
        ("New rules on CELL   THERAPY products", ["cell therapy"], ["cell therapy"]),
        ("cell therapyX and precell therapy", ["cell therapy"], []),
        ("the AI act", ["AI"], ["AI"]),
        ("MAIN road, AIDS, said", ["AI"], []),
        ("关于免疫细胞治疗的通知", ["细胞治疗"], ["细胞治疗"]),
        ("关于药品的通知", ["细胞治疗", "药品"], ["药品"]),
    ],
)
def test_matching_respects_latin_word_boundaries(text: str, terms: list[str], found: list[str]) -> None:
    assert Glossary(TEST_TOPICS).match(text, terms) == found


def test_a_matcher_from_the_topics_module_is_used_and_its_answer_normalised() -> None:
    calls: list[tuple[str, list[str]]] = []

    def matcher(text: str, terms: list[str]) -> bool:
        calls.append((text, terms))
        return True

    glossary = Glossary(TEST_TOPICS, matcher)
    assert glossary.match("文本", ["a", "b"]) == ["a", "b"]
    assert calls == [("文本", ["a", "b"])]
    assert Glossary([], lambda _t, _terms: {"b"}).match("x", ["a", "b"]) == ["b"]


def test_the_bundled_taxonomy_expands_cell_therapy_to_chinese() -> None:
    load_glossary.cache_clear()
    glossary = load_glossary()
    assert glossary.topics, "the bundled taxonomy should not be empty"
    terms = glossary.expand("cell therapy")
    assert any("细胞治疗" in t for t in terms)
    assert glossary.match("关于免疫细胞治疗临床研究的通知", terms)


@pytest.mark.parametrize(
    ("text", "keyword", "hit"),
    [
        ("关于加强药品网络销售监管的通知", "药品", True),
        ("关于农药品种登记的通知", "药品", False),  # 农药 + 品种: not 药品
        ("全省集中药品带量采购", "中药", False),  # 集中 + 药品: not 中药
        ("中药饮片炮制规范", "中药", True),
    ],
)
def test_chinese_keywords_respect_word_boundaries_with_the_bundled_matcher(text: str, keyword: str,
                                                                            hit: bool) -> None:
    load_glossary.cache_clear()
    glossary = load_glossary()
    assert bool(glossary.match(text, glossary.expand(keyword))) is hit


def test_a_single_chinese_character_is_refused_as_a_keyword() -> None:
    load_glossary.cache_clear()
    with pytest.raises(ValueError, match="single Chinese character"):
        load_glossary().check(["药"])
