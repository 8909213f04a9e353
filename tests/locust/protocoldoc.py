"""The vector tables of docs/protocol.md, read strictly as its section 8 defines them.

Shared by the tests of the Python codecs and by tests/fuzz/makecorpus.py,
which writes the fuzzers' seeds from the same rows; tests/unit/tst_protocoldoc.cpp
reads the tables for the C++ codecs, so the document, the C++ codecs and the
Python codecs cannot drift apart. Standard library only: makecorpus runs it
without the Python package.
"""

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
PROTOCOL_DOC = os.path.join(HERE, "..", "..", "docs", "protocol.md")

_MESSAGE = ["vector", "type", "channel", "id", "payload", "wire"]
_LENGTH = ["vector", "offset", "length", "adjust", "strip", "order", "type", "max", "wire"]
_LINE = ["vector", "delimiter", "type", "max", "wire"]
# Each table's columns (section 8), and as many rows as the document has today:
# a reader that loses rows, or a document that loses a table, fails.
TABLES = {
    "envelope": (_MESSAGE, 5),
    "envelope-errors": (["vector", "max", "wire", "error", "class"], 21),
    "length": (_LENGTH + ["payload"], 14),
    "length-errors": (_LENGTH + ["error", "class"], 8),
    "line": (_LINE + ["payload"], 8),
    "line-errors": (_LINE + ["error", "class"], 6),
    "raw": (["vector", "wire"], 3),
    "delivery": (_MESSAGE, 3),
}

_MARKER = re.compile(r"<!--\s*vectors:\s*(\S+)\s*-->")
_NAME = re.compile(r"[A-Za-z0-9-]+")


class Table:
    def __init__(self, name, columns, rows):
        self.name, self.columns, self.rows = name, columns, rows


def read_tables(path=PROTOCOL_DOC):
    """Every vector table by name: its header's columns and its rows (dicts by column)."""
    with open(path, encoding="utf-8") as file:
        lines = file.read().splitlines()
    tables = {}
    for index, line in enumerate(lines):
        marker = _MARKER.fullmatch(line.strip())
        if not marker:
            continue
        name = marker.group(1)
        if name in tables:
            raise ValueError(f"{path}:{index + 1}: a second table {name}")
        columns = _cells(lines[index + 1])
        if not re.fullmatch(r"\|(\s*-+\s*\|)+", lines[index + 2].strip()):
            raise ValueError(f"{path}:{index + 3}: no separator row under table {name}'s header")
        rows = []
        for number, row in enumerate(lines[index + 3:], start=index + 4):
            if not row.strip().startswith("|"):
                break
            cells = _cells(row)
            if len(cells) != len(columns):
                raise ValueError(f"{path}:{number}: {len(cells)} cells for {len(columns)} columns")
            rows.append(dict(zip(columns, cells), line=number))
        tables[name] = Table(name, columns, rows)
    return tables


def _cells(line):
    line = line.strip()
    if not (line.startswith("|") and line.endswith("|")):
        raise ValueError(f"not a table row: {line}")
    return [cell.strip() for cell in line[1:-1].split("|")]


def is_name(cell):
    return bool(_NAME.fullmatch(cell))


def cell_bytes(cell):
    """`-` (nothing) or tokens between backticks: two hex digits, or 'text' as its UTF-8."""
    if cell == "-":
        return b""
    if not (len(cell) >= 2 and cell.startswith("`") and cell.endswith("`")):
        raise ValueError(f"not a bytes cell: {cell}")
    data = bytearray()
    for token in re.findall(r"'[^']*'|\S+", cell[1:-1]):
        if token.startswith("'"):
            data += token[1:-1].encode("utf-8")
        elif re.fullmatch(r"[0-9a-fA-F]{2}", token):
            data += bytes.fromhex(token)
        else:
            raise ValueError(f"not a byte: {token} in {cell}")
    return bytes(data)


def cell_channel(cell):
    """`-` (the default channel) or a name between backticks."""
    if cell == "-":
        return ""
    if not (len(cell) >= 2 and cell.startswith("`") and cell.endswith("`")):
        raise ValueError(f"not a channel cell: {cell}")
    return cell[1:-1]


def cell_integer(cell):
    """Decimal, possibly negative, or hex after 0x."""
    if re.fullmatch(r"-?[0-9]+", cell):
        return int(cell)
    if re.fullmatch(r"0x[0-9a-fA-F]+", cell):
        return int(cell, 16)
    raise ValueError(f"not an integer: {cell}")


def cell_integer_or_default(cell, default):
    return default if cell == "-" else cell_integer(cell)


def cell_word(cell, words):
    if cell not in words:
        raise ValueError(f"{cell!r} is not one of {', '.join(words)}")
    return cell
