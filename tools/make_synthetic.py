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
import random
from collections import defaultdict
from pathlib import Path

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


def skewed(rng: random.Random, items: list[str]) -> str:
    """Draw with a Zipf skew (weight 1/rank), as name frequencies go: the first
    name of a list of 130 is about one draw in five."""
    cumulative = _WEIGHTS.get(len(items))
    if cumulative is None:
        total, cumulative = 0.0, []
        for rank in range(1, len(items) + 1):
            total += 1 / rank
            cumulative.append(total)
        _WEIGHTS[len(items)] = cumulative
    return rng.choices(items, cum_weights=cumulative)[0]


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


def generate(n: int, seed: int) -> tuple[str, list[tuple[str, str, str, str, str]]]:
    rng = random.Random(seed)
    vocabulary_out = ["version: 1", "vocabulary:", "  titles:"]
    for rank in RANKS:
        vocabulary_out += [f"    - id: {rank}", "      kind: military-rank",
                           f"      en: {rank}", f"      ar: [{RANK_WORDS[rank]}]"]
    lines = ["entities:"]
    n_positions = max(1, n // 50)
    orgs = []
    positions = []
    for p in range(n_positions):
        body, domain, region = BODIES[p % len(BODIES)], DOMAINS[(p // 6) % len(DOMAINS)], \
            REGIONS[(p // 120) % len(REGIONS)]
        org_name = f"{body} {domain} {region} {p // 840 + 1}"
        org_id, pos_id = f"org-{p}", f"position-{p}"
        office = f"{OFFICES[p % len(OFFICES)]} {org_name}"
        orgs.append(org_id)
        positions.append((pos_id, office))
        lines += [f"  - id: {org_id}", "    type: organization",
                  f"    name: {{ar: {yaml_str(org_name)}, en: Organisation {p}}}",
                  f"  - id: {pos_id}", "    type: position",
                  f"    name: {{ar: {yaml_str(office)}, en: Office {p}}}",
                  f"    organization: {org_id}"]
    people: list[dict] = []
    full_names: set[tuple[str, ...]] = set()
    holders: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    next_free = {pos: 1980 for pos, _ in positions}
    while len(people) < n - 2 * n_positions:
        parts = (skewed(rng, GIVEN), skewed(rng, GIVEN), skewed(rng, GIVEN),
                 skewed(rng, FAMILY))
        if parts[0] == parts[1] or parts in full_names:
            continue
        full_names.add(parts)
        pid = f"person-{len(people)}"
        person = {"id": pid, "parts": parts, "rank": None, "role": None}
        if rng.random() < 0.2:
            person["rank"] = rng.choice(RANKS)
        if rng.random() < 0.1:
            pos_id, office = positions[rng.randrange(len(positions))]
            start = next_free[pos_id]
            if start < 2024:
                end = min(2025, start + rng.randint(1, 6))
                ongoing = end >= 2025
                next_free[pos_id] = end + 1
                person["role"] = (pos_id, office, start, None if ongoing else end)
                holders[pos_id].append((start, end, pid))
        people.append(person)
        given, father, grandfather, family = parts
        lines += [f"  - id: {pid}", "    type: person",
                  f"    name: {{ar: {yaml_str(' '.join(parts))}, en: Person {len(people)}}}",
                  f"    name_parts: {{given: {given}, father: {father}, "
                  f"grandfather: {grandfather}, family: {family}}}"]
        if person["rank"]:
            lines += ["    ranks:", f"      - title: {person['rank']}",
                      "        sources: [{url: https://example.org/synthetic}]"]
        if person["role"]:
            pos_id, _, start, end = person["role"]
            lines += ["    roles:", f"      - position: {pos_id}", f'        start: "{start}"']
            if end is not None:
                lines.append(f'        end: "{end}-12-31"')
            lines.append("        sources: [{url: https://example.org/synthetic}]")
    text = "\n".join(vocabulary_out + lines) + "\n"
    return text, make_queries(rng, people, positions, holders)


def make_queries(rng: random.Random, people: list[dict], positions, holders):
    """Queries whose answers follow from the data by the patronymic rule."""
    by_given: dict[str, list[dict]] = defaultdict(list)
    for person in people:
        person["keys"] = tuple(name_key(t) for t in person["parts"])
        by_given[person["keys"][0]].append(person)
    vocabulary = {k for p in people for k in p["keys"]}

    def expected(tokens: list[str], rank: str | None = None) -> tuple[str, str]:
        keys = [name_key(t) for t in tokens]
        fits = []
        for person in by_given.get(keys[0], ()):
            rest = person["keys"][1:]
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
        full = [p for p in fits if len(p["parts"]) == len(tokens)]
        if len(full) == 1 and len(tokens) == 4:
            return "matched", full[0]["id"]
        if rank is not None and len(fits) > 1:
            ranked = [p for p in fits if p["rank"] == rank]
            if len(ranked) == 1:
                return "matched", ranked[0]["id"]
        if len(fits) == 1:
            return "matched", fits[0]["id"]
        return ("ambiguous" if fits else "unknown"), ""

    rows = []
    sample = rng.sample(people, min(len(people), 4000))
    for person in sample:
        given, father, grandfather, family = person["parts"]
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
        status, answer = expected(tokens if note != "typo" else list(person["parts"]))
        query = " ".join(tokens)
        if person["rank"] and rng.random() < 0.3 and note != "typo":
            query = f"{RANK_WORDS[person['rank']]} {query}"
            status, answer = expected(tokens, person["rank"])
            note += " with rank"
        rows.append((query, "", status, answer, note))
    for pos_id, office in positions[: min(len(positions), 1000)]:
        for start, end, pid in holders.get(pos_id, ())[:2]:
            rows.append((office, f"{rng.randint(start, end)}-06-30", "matched", pid,
                         "office on a date"))
    for _ in range(len(rows) // 8):  # true negatives: a given name never with that family
        given = name_key(skewed(rng, GIVEN))
        family = rng.choice(FAMILY)
        key = name_key(family)
        if any(key in p["keys"][1:] for p in by_given.get(given, ())):
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
    text, rows = generate(args.entities, args.seed)
    (args.out / "aliases.yaml").write_text(text, "utf-8")
    table = ["# query\tat\tstatus\tid\tnote"] + ["\t".join(r) for r in rows]
    (args.out / "queries.tsv").write_text("\n".join(table) + "\n", "utf-8")
    print(f"wrote {args.out}/aliases.yaml ({args.entities} entities) and "
          f"{args.out}/queries.tsv ({len(rows)} queries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
