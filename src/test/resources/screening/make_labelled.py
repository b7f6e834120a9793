#!/usr/bin/env python3
"""Builds labelled.csv's generated rows from the real lists (deterministic); hand-written rows are in labelled-manual.csv."""
import csv, re, sys
base = '../shared/data/screening/'
out = csv.writer(sys.stdout, lineterminator='\n')
out.writerow(['name', 'kind', 'dob', 'nationality', 'expected', 'entry', 'category'])
def typo(name):
    toks = name.split(' ')
    i = max(range(len(toks)), key=lambda k: len(toks[k]))
    t = toks[i]
    if len(t) < 6: return None
    m = len(t) // 2
    toks[i] = t[:m] + t[m + 1] + t[m] + t[m + 2:]
    return ' '.join(toks)
months = {m: i + 1 for i, m in enumerate('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split())}
sdn = [r for r in csv.reader(open(base + 'ofac-sdn-2024-05-03/sdn.csv', encoding='utf-8')) if len(r) == 12]
people = [r for r in sdn if r[2].strip() == 'individual' and re.search(r'DOB \d{1,2} [A-Z][a-z]{2} \d{4}', r[11]) and ',' in r[1]]
for r in people[::160][:40]:
    last, first = [p.strip() for p in r[1].split(',', 1)]
    d = re.search(r'DOB (\d{1,2}) ([A-Z][a-z]{2}) (\d{4})', r[11])
    dob = '%s-%02d-%02d' % (d.group(3), months[d.group(2)], int(d.group(1)))
    out.writerow([first + ' ' + last.title(), 'individual', dob, '', 'match', r[1], 'person reordered with DOB'])
    wrong = '%d-%02d-%02d' % (int(d.group(3)) + 17, (months[d.group(2)] % 12) + 1, 3)
    out.writerow([r[1], 'individual', wrong, '', 'none', r[1], 'person same name contradicting DOB'])
ents = [r for r in sdn if r[2].strip() == '-0-' and len(r[1]) > 12]
for r in ents[::300][:30]:
    out.writerow([r[1].strip('"'), 'entity', '', '', 'match', r[1], 'entity exact'])
    t = typo(r[1])
    if t: out.writerow([t.lower(), 'entity', '', '', 'match', r[1], 'entity typo'])
el = [r for r in csv.DictReader(open(base + 'csl/consolidated.csv', encoding='utf-8')) if r['source'].startswith('Entity List') and r['alt_names'] and 'Affiliated' not in r['name']]
for r in el[::120][:25]:
    alias = r['alt_names'].split('; ')[0]
    out.writerow([alias, 'entity', '', '', 'match', r['name'], 'entity alias'])
