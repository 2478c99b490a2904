"""Write the settings table of README.md from ``marsad.settings.SETTINGS``.

    .venv/bin/python docs/gen_settings.py          # rewrite README.md in place
    .venv/bin/python docs/gen_settings.py --check  # exit 1 if README.md is out of date

The table sits between the markers ``<!-- settings:start -->`` and ``<!-- settings:end -->``;
tests/test_readme.py runs the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

from marsad.settings import SETTINGS

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"


def settings_table() -> str:
    lines = ["| setting | environment variable | default | what it does |",
             "|---|---|---|---|"]
    for setting in SETTINGS:
        default = "(empty)" if setting.default == "" else f"`{setting.default}`"
        text = setting.help.replace("|", "\\|")
        lines.append(f"| `{setting.name}` | `{setting.env}` | {default} | {text} |")
    return "\n".join(lines)


def render(readme: str) -> str:
    before, found, rest = readme.partition(START)
    if not found or END not in rest:
        raise SystemExit(f"{README}: the markers {START} and {END} are missing")
    _, _, after = rest.partition(END)
    return f"{before}{START}\n{settings_table()}\n{END}{after}"


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    wanted = render(current)
    if "--check" in argv:
        if current != wanted:
            print(f"{README} is out of date: run .venv/bin/python docs/gen_settings.py",
                  file=sys.stderr)
            return 1
        return 0
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
