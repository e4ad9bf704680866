"""The planning model: pure Python (numpy for simulation only), no database, no Streamlit.

One model computed forward (``plan.evaluate``) and backward (``reverse``); each noun has its
module: turnover, chain, mix, web, capacity, repeat, reverse, pipeline, uncertainty,
sensitivity, projection, backtest; link carries a plan in a URL. Inputs are frozen dataclasses
validated on construction; a bad input raises funnel.errors.ValidationError naming the field (``err.field``).
"""

from funnel.model.capacity import DEFAULT_ELASTICITY
from funnel.model.plan import Plan, evaluate

__all__ = ["DEFAULT_ELASTICITY", "Plan", "evaluate"]
