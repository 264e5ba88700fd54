"""Topic matching on whole words, the bundled taxonomy, user extensions, and keyword alert terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract.terms import TermError, build_matcher
from crawler.extract.topics import TaxonomyError, load_taxonomy, match_terms, match_topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("支持免疫细胞治疗和干细胞临床研究", ["cell-therapy", "stem-cells", "clinical-trials"]),
        ("CAR-T细胞产品获批", ["cell-therapy"]),
        ("ＣＡＲ－Ｔ产品", ["cell-therapy"]),
        ("car t products", ["cell-therapy"]),
        ("20个以上创新药和20个以上三类医疗器械", ["medical-devices", "class-iii-devices", "innovative-drugs"]),
        ("Ⅲ类医疗器械注册", ["medical-devices", "class-iii-devices"]),
        ("前瞻布局核药、脑机接口、生物制造等未来产业", ["radiopharmaceuticals", "brain-computer-interface",
                                                         "synthetic-biology"]),
        ("人工智能（AI）制药加快落地", ["ai-drug-discovery"]),
        ("化妆品飞行检查结果通告", ["cosmetics", "inspections"]),
        ("医疗器械召回事件", ["medical-devices", "recalls"]),
        ("新一代疫苗和抗体药物", ["vaccines", "biologics"]),
        ("中药饮片质量提升", ["tcm"]),
        ("2025年度省重点研发计划项目申报", ["science-funding"]),
        ("Zhejiang supports cell therapy and Class III medical devices",
         ["cell-therapy", "medical-devices", "class-iii-devices"]),
        # 药 inside other words: pesticides, veterinary drugs, reviews, procurement, catalogue updates.
        ("农药品种登记管理", []),
        ("兽药残留监控计划", []),
        ("审核药品注册资料", ["drug-review"]),
        ("结核药物", ["drugs"]),
        ("国家组织集中药品带量采购", ["drugs"]),
        ("更新药品目录", ["drugs"]),
        ("模型召回率达到90%", []),
        # English terms need word boundaries.
        ("The cart was full; the BCIs said", []),
        ("A new BCI trial", ["brain-computer-interface"]),
        ("", []),
    ],
)
def test_match_topics(text: str, expected: list[str]) -> None:
    assert match_topics(text) == expected


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        ("农药品种登记，加强药品安全", ["药品", "农药"], ["药品", "农药"]),
        ("农药品种登记", ["药品"], []),
        ("We said CAR-T, not cart", ["AI", "car-t", "CART"], ["car-t", "CART"]),  # any case
        ("Gene Therapy approvals", ["gene therapy"], ["gene therapy"]),
        ("Gene\ntherapy approvals", ["gene therapy"], ["gene therapy"]),
        ("细胞治疗和干细胞", ["干细胞", "细胞治疗", "细胞治疗"], ["干细胞", "细胞治疗"]),
    ],
)
def test_match_terms(text: str, terms: list[str], expected: list[str]) -> None:
    assert match_terms(text, terms) == expected


def test_single_character_terms_are_refused() -> None:
    with pytest.raises(TermError):
        build_matcher({"药": ["drugs"]})


def test_bundled_taxonomy_is_bilingual() -> None:
    taxonomy = load_taxonomy()
    assert len(taxonomy.topics) >= 20
    for topic in taxonomy.topics.values():
        assert topic.en and topic.zh and topic.synonyms_zh and topic.synonyms_en, topic.id


def test_user_taxonomy_extends_and_adds(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "decoys: [核心药]\n"
        "topics:\n"
        "  - id: marine-drugs\n    en: Marine drugs\n    zh: 海洋药物\n    synonyms_en: [marine drugs]\n"
        "    broader: [drugs]\n"
        "  - id: cell-therapy\n    synonyms_zh: [细胞药物]\n",
        encoding="utf-8",
    )
    taxonomy = load_taxonomy([extra])
    assert match_topics("发展海洋药物和细胞药物", taxonomy) == ["cell-therapy", "drugs", "marine-drugs"]
    assert "细胞治疗" in taxonomy.topics["cell-therapy"].terms


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("topics:\n  - id: x\n    en: X\n    zh: 某某\n    colour: red\n", "unknown keys"),
        ("topics:\n  - id: Bad_Id\n    en: X\n    zh: 某某\n", "id like"),
        ("topics:\n  - id: new-topic\n    en: X\n", "both 'en' and 'zh'"),
        ("topics:\n  - id: y\n    en: Y\n    zh: 某某\n    broader: [nowhere]\n", "do not exist"),
        ("topics:\n  - id: z\n    en: Z\n    zh: 药\n", "single Chinese character"),
        ("sources: []\n", "expected a mapping"),
    ],
)
def test_bad_user_taxonomy(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=message):
        load_taxonomy([path])
