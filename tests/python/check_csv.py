#!/usr/bin/env python3
"""Reads an Article Annotator CSV export the way a Python pipeline would and checks it.

The file must parse with Python's csv module (opened with newline="", as its docs say
for files with line breaks inside fields), have the documented header, and every row's
text must equal article_text[start_codepoint:end_codepoint] (Python indexes code points).
TEXT_FILE is the article text as UTF-8 (e.g. the .txt of a brat export); with several
articles in the CSV, only rows of the first article_id are checked against it.

Usage: check_csv.py FILE.csv TEXT_FILE
"""
import csv
import pathlib
import sys

HEADER = [
    "article_id", "span_id", "label", "start_codepoint", "end_codepoint", "text", "note",
    "attributes", "linked_source_id", "linked_source", "link_kind",
]


def check(csv_path: pathlib.Path, text_path: pathlib.Path) -> int:
    text = text_path.read_text(encoding="utf-8")
    raw = csv_path.read_bytes()
    assert raw.endswith(b"\r\n"), "records end in CRLF"
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, strict=True))
    with csv_path.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == HEADER, "unexpected header"
    assert rows, "no rows"
    article = rows[0]["article_id"]
    checked = 0
    for row in rows:
        assert None not in row and all(value is not None for value in row.values()), row
        if row["article_id"] != article:
            continue
        start, end = int(row["start_codepoint"]), int(row["end_codepoint"])
        quote = text[start:end]
        assert quote == row["text"], f"span {row['span_id']}: text[{start}:{end}] = {quote!r} != {row['text']!r}"
        columns = [row["linked_source_id"], row["linked_source"], row["link_kind"]]
        counts = {len(column.split(" | ")) for column in columns if column}
        assert len(counts) <= 1, f"span {row['span_id']}: link columns disagree: {columns}"
        checked += 1
    print(f"{csv_path}: {checked} spans of {article} match the text; {len(rows)} rows in all")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(check(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])))
