"""Funnel Planner's server entry: ``streamlit run serve.py`` (``make run`` does this).

It serves dashboard.py exactly as ``streamlit run dashboard.py`` would, with one addition in
front of every route: ui.guard.SignedInOnly, which refuses Streamlit's upload endpoint and its
media (downloads included) to anyone who has not signed in. Streamlit cannot do that itself: its
sign-in gate is app code, and those endpoints are the server's (docs/deployment.md, threat model).
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.guard import SignedInOnly

app = st.App("dashboard.py", middleware=[Middleware(SignedInOnly)])
