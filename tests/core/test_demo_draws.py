"""The demo's generator draws as it did with numpy's own calls, only faster
(funnel/demo_draws.py): a segment is picked as ``rng.choice(3, p=...)`` picks it (and leaves the
generator where choice leaves it), and a stage move lands on the working day numpy's
busday_offset gives."""

from datetime import date, datetime

import numpy as np

from funnel import demo
from funnel.demo_draws import busday_after, cumulative, pick, workday_after


def test_a_segment_is_drawn_as_numpy_choice_draws_it():
    shares = [s[1] for s in demo.SEGMENTS]
    assert cumulative(shares) == demo.SEGMENT_CDF
    ours, numpys = np.random.default_rng(demo.SEED), np.random.default_rng(demo.SEED)
    picked = [pick(ours, demo.SEGMENT_CDF) for _ in range(20_000)]
    assert picked == [int(numpys.choice(3, p=shares)) for _ in range(20_000)]
    assert ours.random() == numpys.random()  # the same place in the stream after them
    assert set(picked) == {0, 1, 2}


def test_a_stage_move_lands_on_numpys_working_day():
    # Wednesday 31 Dec 2025 + 1.5 working days: 1–8 January are holidays, so Friday 9 January,
    # and half a day is 4 of 8 working hours: 10:30 → 14:30
    assert workday_after(datetime(2025, 12, 31, 10, 30), 1.5, demo.HOLIDAYS) == datetime(2026, 1, 9, 14, 30)
    for day in (date(2025, 1, 1), date(2025, 6, 7), date(2025, 12, 29), date(2026, 10, 30)):
        for whole in range(0, 40):
            moved = np.busday_offset(np.datetime64(day), whole, roll="forward", holidays=list(demo.HOLIDAYS))
            assert busday_after(day, whole, demo.HOLIDAYS) == moved.astype(date)
