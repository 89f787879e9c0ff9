#!/usr/bin/env python3
"""The source tree keeps the rules docs/architecture.md states: every quoted include names its
library (core/, app/, common/, sandbox/ below src/, or a tests/ folder for the tests' own
helpers) and resolves; every source file in src/ is listed in its library's CMakeLists.txt;
no file in src/ is longer than 450 lines."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()
src, tests = root / 'src', root / 'tests'
libraries = ('core', 'app', 'common', 'sandbox')
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
problems = []
checked = 0


def generated(name):
    return re.fullmatch(r'ui_\w+\.h|\w+\.moc', name) or name == 'common/version.h'


for folder in (src, tests):
    for path in sorted(folder.rglob('*')):
        if path.suffix not in ('.cpp', '.h') or 'corpus' in path.parts:
            continue
        for name in include.findall(path.read_text(encoding='utf-8')):
            checked += 1
            if generated(name):
                continue
            first = name.split('/')[0]
            if first in libraries:
                ok = (src / name).exists()
            else:
                ok = folder == tests and '/' in name and (tests / name).exists()
            if not ok:
                problems.append(f'{path.relative_to(root)}: "{name}" does not name its library '
                                'or does not resolve')

listed = set()
for lists in src.rglob('CMakeLists.txt'):
    for word in re.findall(r'[\w/]+\.(?:cpp|h)\b', lists.read_text(encoding='utf-8')):
        listed.add((lists.parent / word).resolve())
for path in sorted(src.rglob('*')):
    if path.suffix not in ('.cpp', '.h'):
        continue
    checked += 2
    if path.resolve() not in listed:
        problems.append(f'{path.relative_to(root)}: not listed in its CMakeLists.txt')
    lines = len(path.read_text(encoding='utf-8').splitlines())
    if lines > 450:
        problems.append(f'{path.relative_to(root)}: {lines} lines, over 450')

for p in problems:
    print(p)
print(f'{checked - len(problems)} passed, {len(problems)} failed')
sys.exit(1 if problems else 0)
