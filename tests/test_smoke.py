def test_add_log_due(cli):
    assert (
        cli("add", "Alice Chen", "--tie", "close", "--knows", "cars", today="2026-09-01").exit_code
        == 0
    )
    r = cli("log", "alice", "coffee chat", "--when", "2026-09-02", today="2026-11-22")
    assert r.exit_code == 0, r
    r = cli("due", "--json", today="2026-11-22")
    assert r.exit_code == 0, r
    items = r.json()["items"]
    assert [i["name"] for i in items] == ["Alice Chen"]
    assert [r["text"] for r in items[0]["reasons"]] == ["51 days past a 30-day rhythm (2.7×)"]
