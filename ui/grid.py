"""What st.data_editor hands back, applied: the editor records its changes (edited cells, deleted
rows, added rows) in session state under its key; a save button's callback reads them there, so a
click right after typing saves what was typed."""

from __future__ import annotations

import pandas as pd


def apply_edits(base: pd.DataFrame, changes: dict | None) -> pd.DataFrame:
    """``base`` with the editor's recorded ``changes`` applied, in the editor's order (edits,
    then deletions, then additions), numbered afresh. A change to a column ``base`` lacks is left
    out; an added row with nothing typed in it is no row."""
    changes = changes or {}
    df = base.copy()
    for idx, cells in (changes.get("edited_rows") or {}).items():
        for col, value in cells.items():
            if col in df.columns:
                df.loc[int(idx), col] = value
    df = df.drop(index=[int(i) for i in changes.get("deleted_rows") or [] if int(i) in df.index])
    added = [r for r in changes.get("added_rows") or [] if r]
    if added:
        df = pd.concat([df, pd.DataFrame(added)], ignore_index=True)
    return df.reset_index(drop=True)
