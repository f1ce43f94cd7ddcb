"""The complete, lossless export: every table and column, as one JSON document."""

from __future__ import annotations

import json

from network.exporters.snapshot import Snapshot, document


def render(snap: Snapshot) -> str:
    """Stable text: the same network always gives the same bytes."""
    return json.dumps(document(snap), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
