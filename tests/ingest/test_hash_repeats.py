"""``fastpath.hashes_repeat``: two equal 64-bit key hashes are found by sorting them; hashes that
only share their top bits are not a repeat. (The load itself, with SORT_FROM lowered:
test_fastpath.py.)"""

from __future__ import annotations

import numpy as np
import pytest

from funnel.ingest.fastpath import hashes_repeat

TOP = 1 << 32  # one step in the top 32 bits


def _u64(values) -> np.ndarray:
    return np.array(values, dtype=np.uint64)


@pytest.mark.parametrize(
    "values, repeated",
    [
        ([], False),
        ([7], False),
        ([5 * TOP + 7, 9 * TOP + 1, 5 * TOP + 7], True),  # a repeat, its top bits alone in repeating
        ([TOP, TOP + 1], False),  # same top 32 bits, different hashes
        ([TOP, TOP + 1, 3 * TOP, TOP + 1], True),  # the repeat among the shared top bits
        # same top 24 bits (marked together), different top 32 bits, no repeat
        ([(1 << 40) + TOP, (1 << 40) + 2 * TOP, (1 << 40) + TOP + 5], False),
        ([2**64 - 1, 0, 2**64 - 1], True),  # the extremes of the range
    ],
    ids=["none", "one", "repeat", "top-only", "repeat-among-top", "top24-only", "extremes"],
)
def test_hashes_repeat_by_hand(values, repeated):
    assert hashes_repeat(_u64(values)) is repeated


def test_hashes_repeat_agrees_with_a_full_sort_on_a_million_hashes():
    """A million random hashes share top 32 bits about 116 times (n² / 2³³) and repeat whole
    only where one is planted (the sort compares whole hashes, not their tops)."""
    rng = np.random.default_rng(17)
    hashes = rng.integers(0, 2**63, 1_000_000, dtype=np.int64).astype(np.uint64) * np.uint64(2) + np.uint64(1)
    assert len(np.unique(hashes)) == len(hashes)  # the draw itself has no repeat
    top = hashes >> np.uint64(32)
    assert len(np.unique(top)) < len(top)  # but its top bits do: the second step is exercised
    assert hashes_repeat(hashes.copy()) is False
    hashes[123_456] = hashes[987_654]
    assert hashes_repeat(hashes) is True


def test_hashes_repeat_sorts_a_copy_of_an_array_it_may_not_write():
    """fetchnumpy's array is sorted in place; one that is read-only (or of another integer type)
    is copied first, not refused."""
    hashes = _u64([9 * TOP, 3, 9 * TOP])
    hashes.setflags(write=False)
    assert hashes_repeat(hashes) is True
    assert list(hashes) == [9 * TOP, 3, 9 * TOP]  # untouched
    assert hashes_repeat(np.array([5, 1, 4], dtype=np.int64)) is False


def test_numpy_is_imported_beside_the_insert_only_for_a_big_file():
    """``numpy_soon`` starts the import on a thread for a file of NUMPY_SOON_BYTES or more, and
    not for a smaller one (run in a fresh process: this one has numpy from pandas)."""
    import subprocess
    import sys

    code = (
        "import sys, threading\n"
        "from funnel.ingest import fastpath\n"
        "assert 'numpy' not in sys.modules\n"
        "fastpath.numpy_soon(fastpath.NUMPY_SOON_BYTES - 1)\n"
        "assert not [t for t in threading.enumerate() if t.name == 'funnel-numpy']\n"
        "fastpath.numpy_soon(fastpath.NUMPY_SOON_BYTES)\n"
        "[t.join() for t in threading.enumerate() if t.name == 'funnel-numpy']\n"
        "assert 'numpy' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
