"""Command line: `python -m benchmarks generate ...` and `python -m benchmarks run ...`."""

from __future__ import annotations

import argparse
import sys
import time


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of numbers") from None
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive numbers")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    gen = commands.add_parser("generate", help="write a seeded synthetic project")
    gen.add_argument("out", metavar="OUT_DIR", help="project folder to create (gets a content/ folder)")
    gen.add_argument("--claims", type=int, required=True, help="number of claims")
    gen.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    gen.add_argument("--force", action="store_true", help="replace an existing OUT_DIR/content")

    run = commands.add_parser("run", help="time build, rebuild and validate on synthetic projects")
    run.add_argument("--sizes", type=_sizes, default=[1000, 10000], help="claim counts, e.g. 1000,10000")
    run.add_argument("--with-100k", action="store_true", help="also run 100,000 claims")
    run.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    run.add_argument("--keep", metavar="DIR", help="keep projects and built sites in DIR instead of a temp folder")
    run.add_argument("--no-cache", action="store_true", help="always generate projects afresh")
    run.add_argument("--timeout", type=float, default=3600, help="seconds before a step is killed (default 3600)")

    args = parser.parse_args(argv)
    if args.command == "generate":
        from benchmarks.synth import generate

        if args.claims < 0:
            parser.error("--claims must not be negative")
        started = time.perf_counter()
        try:
            counts = generate(args.out, args.claims, args.seed, force=args.force)
        except FileExistsError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(
            f"wrote {counts.claims} claims ({counts.drafts} drafts), {counts.people} people, "
            f"{counts.articles} articles, {counts.tags} tags to {args.out} "
            f"in {time.perf_counter() - started:.1f} s"
        )
        return 0

    from benchmarks.run import run_all

    sizes = list(dict.fromkeys(args.sizes + ([100_000] if args.with_100k else [])))
    return run_all(sizes, seed=args.seed, keep=args.keep, cache=not args.no_cache, timeout=args.timeout)


if __name__ == "__main__":
    sys.exit(main())
