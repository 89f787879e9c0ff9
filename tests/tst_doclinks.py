#!/usr/bin/env python3
"""Every relative link and image in README.md, CONTRIBUTING.md and docs/ resolves: the file
exists, and a #fragment names a heading of that file (GitHub's anchors: lower case, spaces to
hyphens, punctuation dropped). Links to other sites are not fetched."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()
pages = [root / 'README.md', root / 'CONTRIBUTING.md', *sorted((root / 'docs').glob('*.md'))]
link = re.compile(r'!?\[[^\]]*\]\(([^)\s]+)\)')


def anchors(path):
    found = set()
    in_code = False
    for line in path.read_text(encoding='utf-8').splitlines():
        if line.startswith('```'):
            in_code = not in_code
        if in_code or not line.startswith('#'):
            continue
        title = line.lstrip('#').strip().lower()
        title = re.sub(r'[^\w\- ]', '', title)
        found.add(title.replace(' ', '-'))
    return found


broken = []
checked = 0
for page in pages:
    text = re.sub(r'```.*?```', '', page.read_text(encoding='utf-8'), flags=re.S)
    for target in link.findall(text):
        if re.match(r'[a-z]+:', target):
            continue
        checked += 1
        path, _, fragment = target.partition('#')
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(f'{page.relative_to(root)}: {target}: no such file')
        elif fragment and file.suffix == '.md' and fragment not in anchors(file):
            broken.append(f'{page.relative_to(root)}: {target}: no such heading')

for b in broken:
    print(b)
print(f'{checked - len(broken)} passed, {len(broken)} failed')
sys.exit(1 if broken else 0)
