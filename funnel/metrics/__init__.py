"""Metrics: channel economics, the sales funnel, lost deals and speed (DOMAIN.md sections 3–5).

Every public function takes a DuckDB cursor and keyword filters and returns a DataFrame or a
small dataclass; the pages and the command line both call these, so the figures agree.
Money is in the workspace currency; a ratio is a share 0..1; a ratio with a zero or missing
denominator is None/NaN, which the screen shows as "—".

Attribution (``attribution=``): **cohort** counts a deal in the period its lead was created;
**period** counts it in the period it closed (an open deal: when it was created).
"""
