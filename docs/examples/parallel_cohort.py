"""Rank the nutrients for a large cohort of profiles, in parallel.

Run it from the repository root::

    python docs/examples/parallel_cohort.py [PROFILES] [WORKERS]

Everything a ranking needs pickles: the records, the profiles, the scorers and the
knowledge base itself. So the work can fan out to processes with
:class:`concurrent.futures.ProcessPoolExecutor`. The knowledge base and the scorer go
to each worker once, through the pool's ``initializer``; after that only profiles and
small results cross between processes.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import cramps
from cramps import scoring

SYMPTOMS = ("nocturnal leg cramps",)

# Set in each worker process by _start_worker; never shared between processes.
_kb: cramps.KnowledgeBase | None = None
_scorer: scoring.Scorer | None = None


def make_cohort(size: int) -> list[cramps.Profile]:
    """``size`` made-up profiles that cycle through ages, sexes, diets, sun and medications."""
    kb = cramps.default_kb()
    medications = [(), ("thiazide-diuretics",), ("proton-pump-inhibitors",), ("statins",)]
    combos = itertools.cycle(
        itertools.product(
            (25, 45, 67, 80), ("female", "male"), ("omnivore", "vegan"), ("little", "plenty"), medications
        )
    )
    return [
        kb.profile(age=age, sex=sex, diet=diet, sun_exposure=sun, medications=meds)
        for age, sex, diet, sun, meds in itertools.islice(combos, size)
    ]


def top_nutrients(profile: cramps.Profile, kb: cramps.KnowledgeBase, scorer: scoring.Scorer) -> tuple[str, ...]:
    """The ids of the three nutrients ranked highest for ``profile``."""
    ranking = kb.nutrients_for_symptom(SYMPTOMS, profile, limit=3, scorer=scorer)
    return tuple(result.record.id for result in ranking)


def _start_worker(kb: cramps.KnowledgeBase, scorer: scoring.Scorer) -> None:
    global _kb, _scorer
    _kb, _scorer = kb, scorer


def _work(profile: cramps.Profile) -> tuple[str, ...]:
    if _kb is None or _scorer is None:
        raise RuntimeError("the pool initializer did not run")
    return top_nutrients(profile, _kb, _scorer)


def rank_cohort(
    profiles: Sequence[cramps.Profile],
    *,
    kb: cramps.KnowledgeBase | None = None,
    scorer: scoring.Scorer | str | None = None,
    workers: int = 2,
) -> list[tuple[str, ...]]:
    """The top nutrients of every profile, in the order given, computed by ``workers`` processes.

    ``kb`` may be any knowledge base, for example one extended with :func:`cramps.load`;
    ``scorer`` any picklable scorer or a registered name.
    """
    kb = cramps.default_kb() if kb is None else kb
    resolved = scoring.resolve(scorer)
    chunk = max(1, len(profiles) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(kb, resolved)) as pool:
        return list(pool.map(_work, profiles, chunksize=chunk))


def main(argv: Sequence[str]) -> int:
    size = int(argv[0]) if argv else 200
    workers = int(argv[1]) if len(argv) > 1 else 2
    cohort = make_cohort(size)
    parallel = rank_cohort(cohort, workers=workers)
    kb, scorer = cramps.default_kb(), scoring.resolve(None)
    serial = [top_nutrients(profile, kb, scorer) for profile in cohort]
    print(f"ranked {len(parallel)} profiles with {workers} workers; same as in one process: {parallel == serial}")
    top_threes = Counter(parallel)
    print(f"{len(top_threes)} different top-three lists; the most common:")
    for top, count in sorted(top_threes.items(), key=lambda item: (-item[1], item[0]))[:3]:
        print(f"  {count:>4} profiles: {', '.join(top)}")
    return 0 if parallel == serial else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
