"""Sign-in gate (Streamlit glue). Mode "none" for now: everyone is an admin, and a banner says so."""
from __future__ import annotations

import streamlit as st

from funnel.access import User

K_USER = "_user"


def sign_in() -> User | None:
    """Return the signed-in user, or render the sign-in form and return None."""
    user = User(name="local", default_role="admin")
    st.session_state[K_USER] = user
    return user


def current_user() -> User:
    return st.session_state.get(K_USER) or User(name="anonymous", default_role="viewer")
