"""1,000 membership cards on A4 sheets (`reports.card.render_card_sheets`, what `cards
--sheet` and the window's card batch print), against the fast floor: the same drawing with
the fastest QR encoding available, in the same run.

- **Sigap:** `render_card_sheets(cards)` as it is.
- **Floor:** the same function with `reports.card.qr_matrix` swapped for segno's encoder at
  one fixed mask (no mask evaluation), error correction M: everything else (reportlab's
  canvas, the fonts, the text, the crop marks, the PDF) is the same work.
- The cards come from a kept desk of 1,000 made-up enrolments (`cards_for_event`: each QR
  text signed with the desk's key); reading them is not timed.
- **Memory:** the peak of Python's allocations (tracemalloc) during one render of each
  side, untimed.

    uv run python bench/bench_cards.py [--cards 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import common
import segno

import reports.card as card
from models.cards import cards_for_event
from models.reference import reference_for

TARGET = 1.3


def segno_fixed(text: str) -> list[list[bool]]:
    code = segno.make_qr(text, error="m", mask=0, boost_error=False)
    return [[bool(m) for m in row] for row in code.matrix]


def with_floor(fn: Callable[[], bytes]) -> Callable[[], bytes]:
    def run() -> bytes:
        real = card.qr_matrix
        card.qr_matrix = segno_fixed
        try:
            return fn()
        finally:
            card.qr_matrix = real

    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cards", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sigap-bench-cards-") as tmp:
        data_dir = Path(tmp) / "sigap"
        event_id, _officer, _built = common.filled_desk(data_dir, args.cards)
        db = common.reopen(data_dir)
        cards = cards_for_event(db, reference_for(db), event_id, "id")
        db.close()
    sigap = lambda: card.render_card_sheets(cards)  # noqa: E731
    floor = with_floor(sigap)
    floor()  # warm both: fonts registered, modules loaded
    sigap()
    pairs = common.Pairs()
    for r in range(args.rounds):
        if common.baseline_first(r):
            b = common.timed(floor)
            s = common.timed(sigap)
        else:
            s = common.timed(sigap)
            b = common.timed(floor)
        pairs.add(b, s)
    t0 = time.perf_counter()
    for c in cards:
        card.qr_matrix(c.qr_text)
    qr_sigap = time.perf_counter() - t0
    t0 = time.perf_counter()
    for c in cards:
        segno_fixed(c.qr_text)
    qr_floor = time.perf_counter() - t0
    try:
        import _rl_accel  # type: ignore[import-not-found]  # noqa: F401

        accel = "rl_accel loaded"
    except ImportError:
        accel = "rl_accel absent"
    print(f"bench_cards: {len(cards)} cards on {(len(cards) + 9) // 10} A4 sheets, "
          f"{args.rounds} interleaved rounds")  # fmt: skip
    print(f"  {common.code_under_test()}; Python {sys.version.split()[0]}; {accel}")
    common.print_comparison(
        "render_card_sheets", pairs, TARGET, len(cards), "card",
        "same drawing, segno fixed-mask QR", "Sigap",
    )  # fmt: skip
    print(f"  QR encoding alone: Sigap {qr_sigap:.2f} s, floor {qr_floor:.2f} s for "
          f"{len(cards)} codes; the whole render {statistics.median(pairs.sigap):.2f} s")
    print(f"  peak Python allocations during one render: Sigap {common.peak_mb(sigap):.1f} MB, "
          f"floor {common.peak_mb(floor):.1f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
