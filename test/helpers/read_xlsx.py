"""Reads .xlsx files with openpyxl and prints what Excel users see, as JSON.

stdin: a JSON list of paths. stdout: {path: {"sheets": [...]}} where each sheet has its title,
freeze pane, autofilter range, column widths, defined names and every cell's value, type, number
format and style. Text is decoded the way Excel decodes it (`_xHHHH_` escapes, which openpyxl 3.0
leaves as they are, through openpyxl.utils.escape.unescape), once: openpyxl 3.0 drops `x005F_` from
shared strings (and only from those), which decoded again would turn `_x005F_x0041_` into `A`, so its
shared-string table is read raw, as its inline strings are, and both are decoded here alike.
"""
import datetime
import json
import sys

import openpyxl
import openpyxl.reader.excel
from openpyxl.cell.text import Text
from openpyxl.utils.escape import unescape
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse


def raw_string_table(xml_source):
    """openpyxl's read_string_table without its `replace('x005F_', '')`: each string's text as written."""
    strings = []
    tag = '{%s}si' % SHEET_MAIN_NS
    for _, node in iterparse(xml_source):
        if node.tag == tag:
            strings.append(Text.from_tree(node).content)
            node.clear()
    return strings


openpyxl.reader.excel.read_string_table = raw_string_table


def value_of(cell):
    v = cell.value
    if isinstance(v, datetime.datetime):
        return v.isoformat()
    if isinstance(v, str) and cell.data_type == 's':
        return unescape(v)
    if isinstance(v, float) and v.is_integer() and cell.data_type == 'n':
        return v
    return v


def colour(c):
    if c is None or c.type != 'rgb':
        return None
    return c.rgb


def read(path):
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for cell in row:
                cells.append({
                    'v': value_of(cell),
                    't': cell.data_type,
                    'f': cell.number_format,
                    'bold': bool(cell.font.b),
                    'fill': colour(cell.fill.fgColor) if cell.fill.fill_type == 'solid' else None,
                    'color': colour(cell.font.color) if cell.font.color is not None else None,
                    'wrap': bool(cell.alignment.wrap_text),
                })
            rows.append(cells)
        widths = {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth}
        sheets.append({
            'title': ws.title,
            'freeze': ws.freeze_panes,
            'filter': ws.auto_filter.ref,
            'widths': widths,
            'rows': rows,
            'maxRow': ws.max_row,
        })
    names = []
    for n in wb.defined_names.definedName:
        names.append({'name': n.name, 'value': n.attr_text, 'local': n.localSheetId})
    for ws in wb.worksheets:
        if ws.print_title_rows:
            names.append({'name': 'Print_Titles', 'value': ws.print_title_rows, 'local': ws.title})
    return {'sheets': sheets, 'creator': wb.properties.creator,
            'created': wb.properties.created.isoformat() if wb.properties.created else None}


def main():
    paths = json.load(sys.stdin)
    out = {}
    for p in paths:
        try:
            out[p] = read(p)
        except Exception as e:  # reported per file, so one bad file does not hide the others
            out[p] = {'error': f'{type(e).__name__}: {e}'}
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
