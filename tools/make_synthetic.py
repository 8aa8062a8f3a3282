"""A synthetic registry of N entities in the real schema, and queries with known answers.

People are built from Arabic name parts (given, father, grandfather, family or
nisba) drawn with a skewed distribution, so many share given and family names as
real populations do; some hold ranks and offices with tenures. Deterministic for
a given --seed. The query set (same TSV format as tests/queries.tsv) holds full
names, dropped patronymics, hamza and ta-marbuta swaps, titles, typos in long
words, offices on dates, and true negatives; each expected answer is computed
from the generated data by the patronymic rule, not by running the resolver.

    python tools/make_synthetic.py --entities 100000 --out /tmp/synth
    # writes /tmp/synth/aliases.yaml and /tmp/synth/queries.tsv
"""

from __future__ import annotations

import argparse
import io
import random
import resource
from array import array
from collections import defaultdict
from pathlib import Path
from typing import TextIO

from rapidfuzz.distance import OSA

from registry.names.normalize import name_key


def words(text: str) -> list[str]:
    """Space-separated names; an underscore joins a compound (عبد_الله)."""
    return [w.replace("_", " ") for w in text.split()]

GIVEN = words("""محمد أحمد علي حسن حسين خالد عمر يوسف إبراهيم عبد_الله عبد_الرحمن عبد_العزيز مصطفى
محمود سعيد صالح سالم كريم طارق ياسر وليد هشام نبيل فتحي جمال ناصر منصور رشيد عادل سامي
مراد أيمن أسامة حمزة بلال عثمان زكريا إسماعيل موسى عيسى سليمان داود يحيى جابر رضا ماهر
عبد_المجيد عبد_الحميد عبد_الفتاح عبد_الغني عبد_السلام عبد_الكريم عبد_القادر صدام معمر
خليفة فرج مفتاح ميلاد عقيلة نوري الطاهر الهادي المبروك الصادق المهدي بشير فوزي لطفي
عماد إياد زياد شادي رامي فادي باسم حازم عاصم قاسم بلقاسم عبد_الباسط عبد_الرزاق عبد_الوهاب
فيصل نايف تركي بندر سلطان فهد ماجد راشد حمد جاسم ثامر مشعل عبد_الإله أنور رأفت شريف
أشرف مدحت ممدوح حمدي رمضان شعبان عاشور مختار منير""")
FAMILY = words("""الترهوني الفرجاني المصراتي الزوي العبيدي المقريف الورفلي الشريف السنوسي القذافي
الدبيبة حفتر صقر رشاد خليفة دياب حماد النجار الحداد العطار الصباغ الخياط المصري السوداني
التونسي الجزائري المغربي الليبي الطرابلسي البنغازي الدرناوي الزنتاني الغرياني الككلي
العقوري البرعصي المسماري الفيتوري الشامي الحلبي الدمشقي البغدادي الموصلي البصري الكويتي
القحطاني العتيبي الشمري الدوسري الغامدي الزهراني المالكي الحربي المطيري العنزي السيسي
عبد_الرازق عبد_الحافظ شلتوت الجمل السقا العربي الكيلاني الحسيني الهاشمي العلوي الأنصاري
الخطيب الإمام الفقي الشاذلي البدوي الجندي الضابط البنا الزيات الفخراني المنشاوي الطنطاوي
الشرقاوي الدمياطي الإسكندراني الأسيوطي الصعيدي النوبي الطحاوي الحناوي البيومي الشافعي
المنصوري العامري الكعبي الظاهري النعيمي القاسمي المهيري الفلاسي السويدي البلوشي""")
RANKS = ["field-marshal", "general", "lieutenant-general", "major-general", "brigadier",
         "colonel"]
RANK_WORDS = {"field-marshal": "المشير", "general": "الفريق أول",
              "lieutenant-general": "الفريق", "major-general": "اللواء",
              "brigadier": "العميد", "colonel": "العقيد"}
OFFICES = ["رئيس", "مدير", "قائد", "أمين"]
BODIES = ["هيئة", "جهاز", "مصلحة", "مركز", "إدارة", "مؤسسة"]
DOMAINS = ["الموانئ", "الجمارك", "الطيران", "الكهرباء", "المياه", "الاتصالات", "البريد",
           "الإحصاء", "الأرصاد", "النفط", "الغاز", "التعليم", "الصحة", "الزراعة", "السياحة",
           "الإعلام", "الرقابة", "التخطيط", "الاستثمار", "التدريب"]
REGIONS = ["الشرقية", "الغربية", "الجنوبية", "الوسطى", "الشمالية", "الساحلية", "الجبلية"]


_WEIGHTS: dict[int, list[float]] = {}


def _cumulative(size: int) -> list[float]:
    """Cumulative Zipf weights (1/rank) for a list of ``size`` items."""
    cumulative = _WEIGHTS.get(size)
    if cumulative is None:
        total, cumulative = 0.0, []
        for rank in range(1, size + 1):
            total += 1 / rank
            cumulative.append(total)
        _WEIGHTS[size] = cumulative
    return cumulative


def skewed(rng: random.Random, items: list[str]) -> str:
    """Draw with a Zipf skew (weight 1/rank), as name frequencies go: the first
    name of a list of 130 is about one draw in five."""
    return items[skewed_index(rng, len(items))]


def skewed_index(rng: random.Random, size: int) -> int:
    """The position a skewed() draw picks (one random number either way)."""
    return rng.choices(range(size), cum_weights=_cumulative(size))[0]


def swap_spelling(text: str) -> str:
    """A meaningless spelling change: hamza off alef, ة to ه, ى to ي."""
    return text.replace("أ", "ا").replace("إ", "ا").replace("ة", "ه").replace("ى", "ي")


def typo(rng: random.Random, token: str, vocabulary: set[str]) -> str | None:
    """A one-letter substitution in a long word that is not itself close to
    another word of the vocabulary (so the answer stays knowable)."""
    if len(token) < 7 or " " in token:
        return None
    for _ in range(5):
        i = rng.randrange(1, len(token) - 1)
        candidate = token[:i] + rng.choice("بتثجحخدذرزسشصضطظعغفقكلمن") + token[i + 1:]
        key = name_key(candidate)
        if key == name_key(token):
            continue
        close = [v for v in vocabulary if abs(len(v) - len(key)) <= 1
                 and OSA.distance(v, key, score_cutoff=1) <= 1]
        if close == [name_key(token)]:
            return candidate
    return None


def yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Population:
    """Every person generated so far, a few bytes each, for the query maker.

    A person is four list indices (given, father, grandfather into GIVEN, family
    into FAMILY) packed into one integer, plus a rank code: no dict or string per
    person, so a million people cost tens of MB, not gigabytes.
    """

    def __init__(self) -> None:
        self.codes = array("q")
        self.ranks = bytearray()  # 0: no rank, else 1 + index into RANKS
        self.seen: set[int] = set()

    @staticmethod
    def code(parts: tuple[int, int, int, int]) -> int:
        given, father, grandfather, family = parts
        return ((given * len(GIVEN) + father) * len(GIVEN) + grandfather) * len(FAMILY) + family

    def __len__(self) -> int:
        return len(self.codes)

    def parts(self, person: int) -> tuple[str, str, str, str]:
        code, family = divmod(self.codes[person], len(FAMILY))
        code, grandfather = divmod(code, len(GIVEN))
        given, father = divmod(code, len(GIVEN))
        return GIVEN[given], GIVEN[father], GIVEN[grandfather], FAMILY[family]

    def rank(self, person: int) -> str | None:
        return RANKS[self.ranks[person] - 1] if self.ranks[person] else None


_KEYS: dict[str, str] = {}


def key(token: str) -> str:
    """name_key of a name part, computed once per distinct part."""
    found = _KEYS.get(token)
    if found is None:
        found = _KEYS[token] = name_key(token)
    return found


Row = tuple[str, str, str, str, str]
Holders = dict[int, list[tuple[int, int, str]]]


def generate(n: int, seed: int) -> tuple[str, list[Row]]:
    """The registry's YAML text and its queries, in memory (for tests and small
    sizes; write() streams)."""
    out = io.StringIO()
    rows = write(n, seed, out, io.StringIO())
    return out.getvalue(), rows


def write(n: int, seed: int, out: TextIO, aliases: TextIO) -> list[Row]:
    """Write the registry's YAML to ``out`` entity by entity (and every name
    text an entity has, ``id<TAB>text``, to ``aliases``: what a brute-force
    baseline searches), then return the queries."""
    rng = random.Random(seed)
    vocabulary_out = ["version: 1", "vocabulary:", "  titles:"]
    for rank in RANKS:
        vocabulary_out += [f"    - id: {rank}", "      kind: military-rank",
                           f"      en: {rank}", f"      ar: [{RANK_WORDS[rank]}]"]
    out.write("\n".join([*vocabulary_out, "entities:"]) + "\n")
    n_positions = max(1, n // 50)
    positions = []
    for p in range(n_positions):
        body, domain, region = BODIES[p % len(BODIES)], DOMAINS[(p // 6) % len(DOMAINS)], \
            REGIONS[(p // 120) % len(REGIONS)]
        org_name = f"{body} {domain} {region} {p // 840 + 1}"
        org_id, pos_id = f"org-{p}", f"position-{p}"
        office = f"{OFFICES[p % len(OFFICES)]} {org_name}"
        positions.append(office)
        out.write("\n".join([f"  - id: {org_id}", "    type: organization",
                             f"    name: {{ar: {yaml_str(org_name)}, en: Organisation {p}}}",
                             f"  - id: {pos_id}", "    type: position",
                             f"    name: {{ar: {yaml_str(office)}, en: Office {p}}}",
                             f"    organization: {org_id}"]) + "\n")
        aliases.write(f"{org_id}\t{org_name}\n{org_id}\tOrganisation {p}\n"
                      f"{pos_id}\t{office}\n{pos_id}\tOffice {p}\n")
    people = Population()
    holders: Holders = defaultdict(list)  # only the positions the queries ask about
    next_free = [1980] * n_positions
    while len(people) < n - 2 * n_positions:
        drawn = (skewed_index(rng, len(GIVEN)), skewed_index(rng, len(GIVEN)),
                 skewed_index(rng, len(GIVEN)), skewed_index(rng, len(FAMILY)))
        code = Population.code(drawn)
        if drawn[0] == drawn[1] or code in people.seen:
            continue
        people.seen.add(code)
        pid = f"person-{len(people)}"
        rank = rng.choice(RANKS) if rng.random() < 0.2 else None
        role = None
        if rng.random() < 0.1:
            position = rng.randrange(n_positions)
            start = next_free[position]
            if start < 2024:
                end = min(2025, start + rng.randint(1, 6))
                next_free[position] = end + 1
                role = (position, start, None if end >= 2025 else end)
                if position < MAX_OFFICE_QUERIES and len(holders[position]) < 2:
                    holders[position].append((start, end, pid))
        people.codes.append(code)
        people.ranks.append(RANKS.index(rank) + 1 if rank else 0)
        parts = people.parts(len(people) - 1)
        given, father, grandfather, family = parts
        lines = [f"  - id: {pid}", "    type: person",
                 f"    name: {{ar: {yaml_str(' '.join(parts))}, en: Person {len(people)}}}",
                 f"    name_parts: {{given: {given}, father: {father}, "
                 f"grandfather: {grandfather}, family: {family}}}"]
        if rank:
            lines += ["    ranks:", f"      - title: {rank}",
                      "        sources: [{url: https://example.org/synthetic}]"]
        if role:
            position, start, end = role
            lines += ["    roles:", f"      - position: position-{position}",
                      f'        start: "{start}"']
            if end is not None:
                lines.append(f'        end: "{end}-12-31"')
            lines.append("        sources: [{url: https://example.org/synthetic}]")
        out.write("\n".join(lines) + "\n")
        aliases.write(f"{pid}\t{' '.join(parts)}\n{pid}\tPerson {len(people)}\n")
    people.seen.clear()
    return make_queries(rng, people, positions, holders)


MAX_OFFICE_QUERIES = 1000  # positions asked about on a date (two holders each)


def make_queries(rng: random.Random, people: Population, positions: list[str],
                 holders: Holders) -> list[Row]:
    """Queries whose answers follow from the data by the patronymic rule.

    A query always holds the given name first and at least one more part, so
    the people it can fit are found through (given, later part) pairs: a scan
    over everyone sharing a given name would be quadratic at a million."""
    by_pair: dict[tuple[str, str], array[int]] = {}
    vocabulary: set[str] = set()
    for person in range(len(people)):
        given, *rest = (key(t) for t in people.parts(person))
        vocabulary.add(given)
        vocabulary.update(rest)
        for later in set(rest):
            by_pair.setdefault((given, later), array("q")).append(person)

    def expected(tokens: list[str], rank: str | None = None) -> tuple[str, str]:
        keys = [key(t) for t in tokens]
        fits = []
        for person in by_pair.get((keys[0], keys[-1]), ()):
            rest = [key(t) for t in people.parts(person)[1:]]
            pos = 0
            ok = True
            for k in keys[1:]:
                while pos < len(rest) and rest[pos] != k:
                    pos += 1
                if pos == len(rest):
                    ok = False
                    break
                pos += 1
            if ok:
                fits.append(person)
        if rank is not None and len(fits) > 1:
            ranked = [p for p in fits if people.rank(p) == rank]
            if len(ranked) == 1:
                return "matched", f"person-{ranked[0]}"
        if len(fits) == 1:
            return "matched", f"person-{fits[0]}"
        return ("ambiguous" if fits else "unknown"), ""

    rows: list[Row] = []
    for person in rng.sample(range(len(people)), min(len(people), 4000)):
        parts = people.parts(person)
        given, father, grandfather, family = parts
        rank = people.rank(person)
        kind = rng.random()
        if kind < 0.25:
            tokens, note = [given, father, grandfather, family], "full name"
        elif kind < 0.5:
            tokens, note = [given, family], "dropped patronymics"
        elif kind < 0.65:
            tokens, note = [given, father, family], "dropped grandfather"
        elif kind < 0.8:
            tokens = [swap_spelling(t) for t in (given, father, grandfather, family)]
            note = "hamza / ta marbuta swap"
        else:
            tokens = [given, father, grandfather, family]
            index = rng.randrange(4)
            changed = typo(rng, tokens[index], vocabulary)
            if changed is None:
                continue
            tokens[index], note = changed, "typo"
        status, answer = expected(tokens if note != "typo" else list(parts))
        query = " ".join(tokens)
        if rank and rng.random() < 0.3 and note != "typo":
            query = f"{RANK_WORDS[rank]} {query}"
            status, answer = expected(tokens, rank)
            note += " with rank"
        rows.append((query, "", status, answer, note))
    for position, office in enumerate(positions[:MAX_OFFICE_QUERIES]):
        for start, end, pid in holders.get(position, ()):
            rows.append((office, f"{rng.randint(start, end)}-06-30", "matched", pid,
                         "office on a date"))
    for _ in range(len(rows) // 8):  # true negatives: a given name never with that family
        given = key(skewed(rng, GIVEN))
        family = rng.choice(FAMILY)
        if (given, key(family)) in by_pair:
            continue
        rows.append((f"{given} {family}", "", "unknown", "", "true negative"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "aliases.yaml").open("w", encoding="utf-8") as out, \
            (args.out / "aliases.tsv").open("w", encoding="utf-8") as aliases:
        rows = write(args.entities, args.seed, out, aliases)
    table = ["# query\tat\tstatus\tid\tnote"] + ["\t".join(r) for r in rows]
    (args.out / "queries.tsv").write_text("\n".join(table) + "\n", "utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"wrote {args.out}/aliases.yaml ({args.entities} entities), aliases.tsv and "
          f"queries.tsv ({len(rows)} queries); peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
