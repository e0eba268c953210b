"""Chinese names for what the packages name by id (metrics of facts.csv and statements.csv,
table cells of checks.csv), for the site: the one vocabulary of juesuan.labels under the site's
names. Never shows a raw id where a name exists."""

from __future__ import annotations

from juesuan.labels import column_label, metric_name, table_title

metric_title = metric_name
column_title = column_label
__all__ = ["column_title", "metric_title", "table_title"]
