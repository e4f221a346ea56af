#!/usr/bin/env python3
"""Reads an Article Annotator spaCy/Prodigy JSONL export with spaCy and checks it.

For each line: a Doc built from the tokens (words and trailing spaces) must give back the
text exactly, and every span must come out of doc.char_span(start, end) (strict
alignment) with text[start:end] (code points) and its "text". Relations must point at
spans of the line, with head/child the last token of their span.

Usage: check_spacy.py EXPORT.jsonl
"""
import json
import pathlib
import sys

import spacy
from spacy.tokens import Doc


def check(path: pathlib.Path) -> str:
    nlp = spacy.blank("en")
    articles = spans_checked = relations_checked = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        task = json.loads(line)
        text = task["text"]
        where = f"line {number}"
        assert task["meta"]["offset_unit"] == "codepoint", where
        tokens = task["tokens"]
        doc = Doc(
            nlp.vocab,
            words=[token["text"] for token in tokens],
            spaces=[token["ws"] for token in tokens],
        )
        assert doc.text == text, f"{where}: the tokens do not rebuild the text"
        for token, spacy_token in zip(tokens, doc):
            assert (token["start"], token["end"]) == (
                spacy_token.idx,
                spacy_token.idx + len(spacy_token.text),
            ), f"{where}: token {token['id']} offsets"
        keys = set()
        for span in task["spans"]:
            start, end = span["start"], span["end"]
            found = doc.char_span(start, end, label=span["label"])
            assert found is not None, f"{where}: char_span({start}, {end}) is None"
            assert found.text == text[start:end] == span["text"], f"{where}: {span}"
            assert (found.start, found.end - 1) == (span["token_start"], span["token_end"]), (
                f"{where}: token_start/token_end of {span}"
            )
            keys.add((start, end, span["label"]))
            spans_checked += 1
        for relation in task.get("relations", []):
            for role in ("head", "child"):
                end = relation[f"{role}_span"]
                assert (end["start"], end["end"], end["label"]) in keys, f"{where}: {relation}"
                assert relation[role] == end["token_end"], f"{where}: {relation}"
            relations_checked += 1
        articles += 1
    return (
        f"{path}: {articles} article(s), {spans_checked} span(s) and "
        f"{relations_checked} relation(s) read by spaCy {spacy.__version__}: OK"
    )


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        print(check(pathlib.Path(sys.argv[1])))
    except (AssertionError, KeyError, ValueError) as error:
        print(f"FAILED: {error!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
