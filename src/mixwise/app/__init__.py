"""The web app: the analyst in a browser for non-technical users (``mixwise app`` runs ``app/main.py``).

Pages: Data, Model, Ask, Scenarios, Optimise, Report. This package file imports nothing, so locating
the app (``importlib.util.find_spec("mixwise.app.main")``) never loads Streamlit.
"""

__all__: list[str] = []
