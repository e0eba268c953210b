from juesuan.audit.labels import metric_label


def test_suffix_rules_apply_before_the_per_code_prefix() -> None:
    assert metric_label("general_budget_expenditure_share") == "一般公共预算财政拨款支出占比"
    assert metric_label("general_budget_expenditure_change_pct") == "一般公共预算财政拨款支出增减幅度"
    assert metric_label("general_budget_expenditure_2040201") == "一般公共预算财政拨款支出2040201"
    assert metric_label("general_budget_expenditure_204_share") == "一般公共预算财政拨款支出204占比"
    assert metric_label("income_total_change") == "本年收入合计增减额"
    assert metric_label("not_a_metric") == "not_a_metric"
