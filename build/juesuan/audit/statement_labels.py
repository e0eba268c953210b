"""Names for statements.csv metrics and the short form of a statement's headings, for the
findings' messages: both come from juesuan.labels (the one vocabulary), re-exported here."""

from __future__ import annotations

from juesuan.labels import metric_name, section_place, vehicle_type_names

statement_label = metric_name
where = section_place
TYPE_NAMES = vehicle_type_names()
__all__ = ["TYPE_NAMES", "statement_label", "where"]
