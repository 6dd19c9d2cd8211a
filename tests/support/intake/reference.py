"""The HTCDS reference files the tests check the intake domain against (see htcds/SOURCE.md)."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent / "htcds"
XFORM = HERE / "htcds_xform.xml"
TEMPLATE = HERE / "htcds-template-v2.0.xlsx"

_NS = {"x": "http://www.w3.org/2002/xforms", "h": "http://www.w3.org/1999/xhtml"}
_FORM_MACHINERY = {"start", "end", "__version__", "instanceID"}


def _body():
    return ET.parse(XFORM).getroot().find("h:body", _NS)


def xform_questions() -> set[str]:
    """The names of the XForm's questions, without ODK's own bookkeeping fields."""
    binds = ET.parse(XFORM).getroot().iter("{http://www.w3.org/2002/xforms}bind")
    names = {bind.get("nodeset").rsplit("/", 1)[1] for bind in binds}
    return names - _FORM_MACHINERY


def xform_choices() -> dict[str, list[str]]:
    """For each select question of the XForm, the values it offers."""
    return {element.get("ref").rsplit("/", 1)[1]:
            [item.findtext("x:value", namespaces=_NS) for item in element.findall("x:item", _NS)]
            for element in _body() if element.tag.endswith(("}select", "}select1"))}


def template_workbook():
    """The Excel template, opened read-only."""
    with warnings.catch_warnings():  # the template's dropdowns use an extension openpyxl drops
        warnings.simplefilter("ignore", UserWarning)
        return openpyxl.load_workbook(TEMPLATE, read_only=True)


def template_picklist_labels() -> dict[str, list[str]]:
    """The template's "validation" sheet: each list's heading (row 3) and its labels."""
    rows = list(template_workbook()["validation"].iter_rows(min_row=3, values_only=True))
    columns = zip(*rows, strict=False)
    return {column[0]: [value for value in column[1:] if value is not None]
            for column in columns if column[0]}
