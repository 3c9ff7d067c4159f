"""An installed plugin that fails to load: it imports a module that is not installed."""

import irtk_lit_missing_dependency  # noqa: F401


def register() -> None:
    pass
