#!/usr/bin/env python3
"""Reads an Article Annotator export the way a Python pipeline would and checks it.

Every span's text[start:end] must equal its quote (Python indexes code points), the
UTF-16 offsets must slice the same quote, the SHA-256 must match the text, and the file
must validate against docs/export-v1.schema.json.

Usage: check_export.py EXPORT.json [MIN_SPANS]
"""
import hashlib
import json
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parents[2]


def check(path: pathlib.Path, min_spans: int) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "docs" / "export-v1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)

    assert data["format"] == "article-annotator", data["format"]
    assert data["format_version"] == 1
    assert data["offset_unit"] == "codepoint"
    document = data["document"]
    text = document["text"]
    assert "\r" not in text, "line endings must be normalised to \\n"
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == document["text_sha256"]
    assert len(text) == document["length"], (len(text), document["length"])
    utf16 = text.encode("utf-16-le")
    assert len(utf16) // 2 == document["utf16_length"]

    labels = {label["name"] for label in data["labels"]}
    spans = data["spans"]
    assert len(spans) >= min_spans, f"expected at least {min_spans} spans, got {len(spans)}"
    ids = set()
    for span in spans:
        quote = text[span["start"]:span["end"]]
        assert quote == span["text"], f"span {span['id']}: text[start:end] = {quote!r} != {span['text']!r}"
        js_slice = utf16[2 * span["utf16_start"]:2 * span["utf16_end"]].decode("utf-16-le")
        assert js_slice == span["text"], f"span {span['id']}: UTF-16 slice {js_slice!r}"
        assert span["label"] in labels, span["label"]
        assert span["id"] not in ids, f"duplicate id {span['id']}"
        ids.add(span["id"])
    order = [(span["start"], -span["end"]) for span in spans]
    assert order == sorted(order), "spans must be in document order"
    links = {(rule["from"], rule["to"], rule["kind"]) for rule in data["links"]}
    label_of = {span["id"]: span["label"] for span in spans}
    for relation in data["relations"]:
        ends = (label_of[relation["from"]], label_of[relation["to"]], relation["kind"])
        assert ends in links, f"relation {relation['id']}: {ends} is not an allowed link"
    attributes = {
        label["name"]: {attribute["name"]: attribute["values"] for attribute in label["attributes"]}
        for label in data["labels"]
    }
    for span in spans:
        for name, value in span["attributes"].items():
            assert value in attributes[span["label"]].get(name, []), f"span {span['id']}: {name}={value}"
    print(f"ok: {path.name}: {len(spans)} spans, {len(data['relations'])} relations, "
          "text[start:end] == text for every one")
    return 0


if __name__ == "__main__":
    sys.exit(check(pathlib.Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0))
