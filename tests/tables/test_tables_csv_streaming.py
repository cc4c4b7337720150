"""A large table's CSV is streamed (written as it is sent, never held whole);
the text is the same as the small tables' one-piece answer."""

import io

import pandas as pd

from tables import exports


def test_a_large_csv_is_streamed_with_the_same_text(monkeypatch):
    class Dim:
        def __init__(self, code, categories):
            self.code, self.categories, self.labels = code, categories, {c: f"L{c}" for c in categories}

    class Row:
        def __init__(self, value):
            self.value, self.flags = value, {"p"} if value % 7 == 0 else set()

    class Cube:
        dimensions = [Dim("period", ["1403-01", "1403-02"]), Dim("region", [f"R{i}" for i in range(3000)])]
        n_cells = 6000

        class indicator:
            decimals = 1

    cells = [((p, r), Row(i)) for i, (p, r) in enumerate((p, r) for p in ["1403-01", "1403-02"] for r in range(3000))]
    monkeypatch.setattr(exports, "iter_cells", lambda cube: iter([((p, f"R{r}"), row) for (p, r), row in cells]))
    small = exports.csv_response(Cube, "t")
    assert not small.streaming
    monkeypatch.setattr(exports, "STREAM_ABOVE", 100)
    large = exports.csv_response(Cube, "t")
    assert large.streaming and large["Content-Disposition"] == 'attachment; filename="t.csv"'
    streamed = b"".join(large.streaming_content)
    assert streamed == small.content
    frame = pd.read_csv(io.StringIO(streamed.decode("utf-8-sig")), dtype=str)
    assert len(frame) == 6000 and list(frame.columns) == [
        "period",
        "period_label",
        "region",
        "region_label",
        "value",
        "flags",
    ]
