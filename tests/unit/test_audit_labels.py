import pytest

from juesuan import labels
from juesuan.audit.labels import column_label, metric_label, table_title
from juesuan.audit.statement_labels import TYPE_NAMES, statement_label, where
from juesuan.render.labels import column_title, metric_title
from juesuan.render.labels import table_title as site_table_title


def test_suffix_rules_apply_before_the_per_code_prefix() -> None:
    assert metric_label("general_budget_expenditure_share") == "一般公共预算财政拨款支出占比"
    assert metric_label("general_budget_expenditure_change_pct") == "一般公共预算财政拨款支出比上年增减幅度"
    assert metric_label("general_budget_expenditure_2040201") == "一般公共预算财政拨款支出（2040201 行政运行）"
    assert metric_label("general_budget_expenditure_204_share") == "一般公共预算财政拨款支出（204 公共安全支出）占比"
    assert metric_label("income_total_change") == "本年收入合计比上年增减额"
    assert metric_label("not_a_metric") == "not_a_metric"


def test_per_code_metric_without_a_reference_name_keeps_its_code() -> None:
    assert metric_label("general_budget_expenditure_2999999") == "一般公共预算财政拨款支出（2999999）"
    assert metric_label("expenditure_class_204") == "按功能分类支出（204 公共安全支出）"


def test_statement_metrics_and_their_derivations() -> None:
    assert statement_label("general_expenditure_executed_previous") == "一般性支出财政拨款预算执行数上年数"
    assert statement_label("vehicles_purchased_suv_amount").endswith("中的越野车金额")
    assert statement_label("three_public_total_budget_completion").endswith("完成预算比例")
    assert statement_label("sector_wording") == "行业用语"
    assert TYPE_NAMES["sedan"] == "轿车" and TYPE_NAMES["other"] == "其他车辆"
    # a suffix on an id nothing names does not produce half a name
    assert statement_label("no_such_thing_change") == "no_such_thing_change"


@pytest.mark.parametrize("metric", [
    "general_budget_expenditure_share", "general_budget_expenditure_change", "three_public_total_change_pct",
    "general_budget_expenditure_2040201_budget_completion", "expenditure_class_208", "official_vehicles_suv",
    "general_expenditure_budget_initial_previous", "spelling_variant", "staff_on_post", "unknown_metric"])
def test_audit_and_site_use_one_wording(metric: str) -> None:
    name = labels.metric_name(metric)
    assert metric_label(metric) == statement_label(metric) == metric_title(metric) == name
    assert "（比上年" not in name and "增减%" not in name


def test_tables_and_columns_are_named_once() -> None:
    assert table_title("expenditure") == site_table_title("expenditure") != "expenditure"
    assert site_table_title("") == "" and table_title("no_table") == "no_table"
    assert column_label("expenditure", "30101") == column_title("expenditure", "30101") == "经济科目30101"
    total = column_label("three_public", "actual.total")
    assert total.startswith("决算数") and "." not in total and total == column_title("three_public", "actual.total")
    assert column_title("expenditure", "") == ""


def test_where_shortens_a_statement_heading() -> None:
    assert where("第二部分 / 十、其他重要事项的情况说明 / （二）政府采购支出情况") == \
        "十、其他重要事项的情况说明（二）政府采购支出情况"
    assert where("附件1 / 三、部门预算绩效分析") == "附件1 三、部门预算绩效分析"
    assert where("") == "说明"
