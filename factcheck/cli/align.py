"""`factcheck align`: the evidence assistant on two files, without a project."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.core.errors import BadInput

if TYPE_CHECKING:
    from factcheck.core.article import Article
    from factcheck.core.assist.assistant import Assessment


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "align",
        help="show each rewrite sentence's likely source sentences, flags and suggested verdict",
        description="Align a rewrite with its source (no project needed): for each rewrite sentence "
        "its best source sentences, what the source does not support, and a suggested verdict; then "
        "the source sentences the rewrite leaves out.",
    )
    p.add_argument("--source", required=True, metavar="FILE", help="the canonical source")
    p.add_argument("rewrite", metavar="REWRITE", help="a rewrite of that source")
    p.add_argument(
        "--top", type=_positive, default=3, metavar="K", help="source sentences per rewrite sentence"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object per rewrite")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    # Loaded here, not at start-up: reading, segmenting and aligning are this command's work.
    from factcheck.core.assist.assistant import assess
    from factcheck.store.importing import prepare_import, read_source_and_rewrites

    source_file, rewrite_files = read_source_and_rewrites(Path(args.source), [Path(args.rewrite)])
    articles = prepare_import(source_file, rewrite_files)
    source, rewrites = articles[0], articles[1:]
    if not rewrites:
        raise BadInput(f"{args.rewrite}: no article to align")
    for rewrite in rewrites:
        assessment = assess(
            [s.text for s in source.sentences],
            [s.text for s in rewrite.sentences],
            [not s.boilerplate for s in rewrite.sentences],
            top_k=args.top,
        )
        if args.json:
            print(json.dumps(_as_json(source, rewrite, assessment), ensure_ascii=False))
        else:
            _print_text(source, rewrite, assessment)
    return 0


def _as_json(source: Article, rewrite: Article, assessment: Assessment) -> dict:
    def sentence(s) -> dict:
        return {"index": s.index, "start": s.start, "end": s.end, "text": s.text}

    return {
        "source": [sentence(s) for s in source.sentences],
        "rewrite": [
            {
                **sentence(s),
                "boilerplate": s.boilerplate,
                "matches": [
                    {
                        "index": m.source_index,
                        "start": source.sentences[m.source_index].start,
                        "end": source.sentences[m.source_index].end,
                        "score": m.score,
                    }
                    for m in hints.matches
                ],
                "flags": [
                    {
                        "kind": f.kind.value,
                        "text": f.text,
                        "start": s.start + f.start,
                        "end": s.start + f.end,
                        "reason": f.reason,
                    }
                    for f in hints.flags
                ],
                "pair": hints.pair,
                "suggestion": {"verdict": hints.suggestion.verdict.value, "reason": hints.suggestion.reason},
            }
            for s, hints in zip(rewrite.sentences, assessment.hints, strict=True)
        ],
        "omitted": list(assessment.omitted),
    }


def _print_text(source: Article, rewrite: Article, assessment: Assessment) -> None:
    print(f"{rewrite.title}  (against: {source.title})")
    for s, hints in zip(rewrite.sentences, assessment.hints, strict=True):
        left_out = "  [boilerplate]" if s.boilerplate else ""
        print(f"\n[{s.index}] {s.start}-{s.end}  {s.text}{left_out}")
        found = [(m, source.sentences[m.source_index]) for m in hints.matches]
        matches = " · ".join(f"#{m.source_index} {t.start}-{t.end} {m.score:.2f}" for m, t in found)
        together = "  (the first two together)" if hints.pair else ""
        print(f"    matches: {matches or 'none'}{together}")
        for f in hints.flags:
            print(f"    flag {f.kind.value} {s.start + f.start}-{s.start + f.end}: {f.reason}")
        print(f"    suggestion: {hints.suggestion.verdict.value} ({hints.suggestion.reason})")
    print(f"\nomitted: {len(assessment.omitted)} source sentences")
    for index in assessment.omitted:
        s = source.sentences[index]
        print(f"  [{index}] {s.start}-{s.end}  {s.text}")
