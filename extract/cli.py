"""The ``newsfacts`` command: a thin shell over ``extract.batch`` and friends.

``newsfacts PATH... [-o OUT.jsonl]`` extracts; the verbs ``schema``, ``validate`` and
``report`` are subcommands. Any other first argument is a path (``./schema`` reaches a file
named schema).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import typer

from .errors import NewsfactsError, UsageError

VERBS = ("schema", "validate", "report")
EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3

run_app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
verbs_app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


@run_app.command(
    help="Extract facts from news articles: files, folders (walked for .txt, .jsonl, .html and their .gz), "
    "globs, or - for stdin. Writes one JSON record per article (JSON Lines). Other commands: "
    "'newsfacts schema', 'newsfacts validate FILE.jsonl', 'newsfacts report INPUT -o report.html'.",
    epilog="Exit codes: 0 all inputs done, 1 fatal error, 2 usage error, 3 some inputs failed.",
)
def extract(
    paths: list[str] = typer.Argument(..., metavar="PATH...", help="Input files, folders or globs; - reads stdin."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write JSON Lines here (default: stdout)."),
    out_dir: Path | None = typer.Option(None, "--out-dir", help="Write one indented <id>.json per article here."),
    published: str | None = typer.Option(
        None, "--published", help="Reference date (YYYY-MM-DD) for relative dates; overrides the article's own."
    ),
    errors: Path | None = typer.Option(
        None, "--errors", help="Write error entries (JSON Lines) here (default: stderr)."
    ),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes (0: all cores)."),
    resume: bool = typer.Option(
        False, "--resume", help="Skip inputs whose ids are already in the output; append the rest."
    ),
    shard: str | None = typer.Option(None, "--shard", help="Process only shard K of N (K/N, 1 <= K <= N)."),
    text_key: str = typer.Option("text", "--text-key", help="JSON Lines key of the article text."),
    id_key: str = typer.Option("id", "--id-key", help="JSON Lines key of the article id."),
    date_key: str = typer.Option("published", "--date-key", help="JSON Lines key of the publication date."),
    kinds: str | None = typer.Option(
        None, "--kinds", help="Comma-separated kinds to extract: entities,dates,figures,quotations (default: all)."
    ),
    max_chars: int = typer.Option(5_000_000, "--max-chars", help="Refuse articles longer than this."),
    time_limit: float = typer.Option(
        30.0, "--time-limit", help="Abandon an article after this many seconds (0: never)."
    ),
    fix_mojibake: bool = typer.Option(False, "--fix-mojibake", help="Repair mojibake in inputs (ftfy)."),
    include_text: bool = typer.Option(False, "--include-text", help="Put each article's text into its record."),
    date_conventions: str = typer.Option(
        "news",
        "--date-conventions",
        help='Date values: "news" (part-of-day words give their day, no time zones) or "timeml" (TimeML TIMEX3).',
    ),
    dask: str | None = typer.Option(
        None, "--dask", metavar="ADDRESS", help="Run on the Dask cluster at ADDRESS; writes part files to --out-dir."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr."),
) -> None:
    from . import batch
    from .readers import ReadOptions
    from .settings import KINDS, Settings

    if output is not None and out_dir is not None and dask is None:
        _usage("use either -o/--output or --out-dir, not both")
    try:
        settings = Settings(
            published=published,
            kinds=frozenset(k.strip() for k in kinds.split(",")) if kinds else frozenset(KINDS),
            max_chars=max_chars,
            time_limit=time_limit or None,
            fix_mojibake=fix_mojibake,
            include_text=include_text,
            date_conventions=date_conventions,  # type: ignore[arg-type]
        )
        read = ReadOptions.from_settings(settings, text_key=text_key, id_key=id_key, date_key=date_key)
        shard_kn = batch.parse_shard(shard) if shard else None
    except UsageError as exc:
        _usage(str(exc))
    if jobs < 0:
        _usage("--jobs must be 0 (all cores) or more")

    if dask is not None:
        if out_dir is None:
            _usage("--dask writes part files: give --out-dir")
        from .distributed import run_on_cluster

        summary = run_on_cluster(paths, out_dir, address=dask, settings=settings, read=read, shard=shard_kn)
        _finish(summary, quiet)

    skip: frozenset[str] = frozenset()
    if resume:
        if out_dir is not None:
            skip = batch.done_ids_in_dir(out_dir)
        elif output is not None:
            skip = batch.done_ids_in_jsonl(output)
        else:
            _usage("--resume needs -o or --out-dir to know what is done")
    options = batch.BatchOptions(jobs=jobs, shard=shard_kn, skip_ids=skip, read=read)

    out_stream = err_stream = None
    try:
        if out_dir is not None:
            sink = batch.DirSink(out_dir)
        else:
            mode = "a" if resume else "w"
            out_stream = open(output, mode, encoding="utf-8") if output else sys.stdout  # noqa: SIM115
            sink = batch.JsonlSink(out_stream)
        if errors is not None:
            err_stream = open(errors, "a" if resume else "w", encoding="utf-8")  # noqa: SIM115
            on_error = batch.jsonl_errors(err_stream)
        else:
            on_error = batch.stderr_errors
        progress = _Progress(enabled=not quiet and sys.stderr.isatty())

        def on_result(result: batch.Result) -> None:
            if result.error is not None:
                on_error(result.error)
            else:
                sink(result)
            progress.advance()

        with progress:
            summary = batch.run(paths, settings=settings, options=options, on_result=on_result, on_total=progress.total)
    except OSError as exc:
        typer.echo(f"newsfacts: error: {exc}", err=True)
        raise typer.Exit(EXIT_FATAL) from None
    finally:
        if out_stream is not None and out_stream is not sys.stdout:
            out_stream.close()
        if err_stream is not None:
            err_stream.close()
    _finish(summary, quiet)


def _usage(message: str) -> NoReturn:
    typer.echo(f"newsfacts: error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _finish(summary: object, quiet: bool) -> NoReturn:
    if not quiet and sys.stderr.isatty():
        facts = ", ".join(f"{n:,} {k}" for k, n in sorted(summary.facts.items()))  # type: ignore[attr-defined]
        skipped = f", {summary.skipped:,} skipped (done before)" if summary.skipped else ""  # type: ignore[attr-defined]
        typer.echo(
            f"newsfacts: {summary.documents:,} documents, {summary.errors:,} errors{skipped}; {facts}",  # type: ignore[attr-defined]
            err=True,
        )
    raise typer.Exit(EXIT_SOME_FAILED if summary.errors else EXIT_OK)  # type: ignore[attr-defined]


class _Progress:
    """A documents/s counter on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress = None
        self._task = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.text import Text

            class Speed(ProgressColumn):
                def render(self, task: object) -> Text:
                    speed = getattr(task, "speed", None)
                    return Text(f"{speed:,.1f} documents/s" if speed else "")

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.completed} documents"),
                BarColumn(),
                Speed(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("extract", total=None)
        return self

    def total(self, n: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, total=n)

    def advance(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


@verbs_app.command("schema", help="Print the JSON Schema (draft 2020-12) of an article record.")
def schema_cmd(
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the schema here instead of stdout."),
) -> None:
    from .records import schema_text

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@verbs_app.command("validate", help="Check JSON Lines records (or .json files) against the schema.")
def validate_cmd(files: list[Path] = typer.Argument(..., metavar="FILE...")) -> None:
    from .validate import validate_lines

    bad = 0
    total = 0
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            typer.echo(f"newsfacts: error: cannot read {path}: {exc.strerror or exc}", err=True)
            raise typer.Exit(EXIT_FATAL) from None
        lines = [text] if path.suffix == ".json" else text.splitlines()
        for number, problem in validate_lines(lines):
            total += 1
            if problem:
                bad += 1
                typer.echo(f"{path}:{number}: {problem}", err=True)
    typer.echo(f"{total - bad} of {total} records valid", err=True)
    raise typer.Exit(EXIT_SOME_FAILED if bad else EXIT_OK)


@verbs_app.command(
    "report",
    help="Render an HTML report: one article's text with its facts highlighted, or a summary page of a batch. "
    "INPUT is a JSON Lines file of records (from 'newsfacts --include-text', or whose source files are still "
    "readable) or articles, which are extracted first (.txt, .html, .jsonl, folders). One article gives the "
    "article page; several give the batch page.",
    epilog="Exit codes: 0 done, 1 nothing to report, 2 usage error, 3 some inputs failed (the rest are reported).",
)
def report_cmd(
    paths: list[str] = typer.Argument(
        ..., metavar="INPUT...", help="Records, articles, folders or globs; - for stdin."
    ),
    output: str = typer.Option(
        "report.html", "-o", "--output", help="Write the page here (default: report.html; - for stdout)."
    ),
    published: str | None = typer.Option(
        None, "--published", help="Reference date (YYYY-MM-DD) when extracting articles."
    ),
    max_articles: int = typer.Option(
        200, "--max-articles", help="Batch page: show at most this many articles in full (text and tables)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on stderr."),
) -> None:
    from . import report
    from .batch import stderr_errors
    from .settings import Settings

    try:
        settings = Settings(published=published)
    except UsageError as exc:
        _usage(str(exc))
    loaded = report.load_report_input(paths, settings=settings)
    for entry in loaded.errors:
        stderr_errors(entry)
    if not loaded.items:
        typer.echo("newsfacts: error: nothing to report: no input gave a record", err=True)
        raise typer.Exit(EXIT_FATAL)
    page = report.render_report(loaded.items, errors=loaded.errors, inputs=paths, max_full_articles=max_articles)
    try:
        report.write_report(page, output)
    except OSError as exc:
        typer.echo(f"newsfacts: error: cannot write {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_FATAL) from None
    if not quiet and output != "-":
        what = "article" if len(loaded.items) == 1 else "batch"
        records = f"{len(loaded.items):,} record{'' if len(loaded.items) == 1 else 's'}"
        typer.echo(f"newsfacts: wrote {output} ({what} report, {records})", err=True)
    raise typer.Exit(EXIT_SOME_FAILED if loaded.errors else EXIT_OK)


# `newsfacts validate` must not be mistaken for the single command of a one-command app
@verbs_app.callback()
def _verbs() -> None:
    """newsfacts subcommands."""


def main(argv: list[str] | None = None, prog_name: str = "newsfacts") -> None:
    """Entry point of the ``newsfacts`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in VERBS:
            verbs_app(args=args, prog_name=prog_name)
        else:
            run_app(args=args, prog_name=prog_name)
    except NewsfactsError as exc:
        print(f"newsfacts: error: {exc}", file=sys.stderr)
        sys.exit(EXIT_FATAL)
