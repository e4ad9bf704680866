"""Funnel Planner's engine: data, metrics and the planning model. Never imports streamlit."""
