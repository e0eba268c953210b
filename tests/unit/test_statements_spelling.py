from juesuan.normalize.statements_spelling import spelling_variants


def test_a_name_spelt_two_ways_is_found_with_counts() -> None:
    text = ("涉案财务集中管理中心建设项目。\n涉案财务集中管理中心运行。\n"
            "本年度涉案财物集中管理正常，涉案财物及时入口率95%，涉案财物及时入库率98%。")
    found = {(v.word, v.other): (v.count, v.other_count) for v in spelling_variants(text)}
    assert found == {("财务集", "财物集"): (2, 1), ("入口率", "入库率"): (1, 1)}


def test_two_right_words_in_different_contexts_are_left_alone() -> None:
    text = "加强财务管理工作，做好涉案财物管理工作；建立健全内部控制制度，完善会计账务。"
    assert spelling_variants(text) == []


def test_whitespace_and_line_breaks_do_not_hide_a_variant() -> None:
    text = "警用装备购置\n\n项目\t警用装 备购置项目；警用装备 购 制项目。"
    assert spelling_variants(text) == []  # 置/制 is not a confusable pair here
    assert [(v.word, v.other) for v in spelling_variants("内部作业\n规程。内部做业 规程。")] == [("部作业", "部做业")]
