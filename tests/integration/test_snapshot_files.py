"""Snapshot files (README "Snapshots"): kept in --snapshot-dir (default <db>.snapshots, in memory
with --db :memory:), surviving restarts; a corrupt or foreign file is listed with an error and
never loaded."""
import os
import sqlite3

import raw_http
from conftest import make_client
from snapshot_helpers import listed, path, restore, save, world


def test_snapshots_survive_a_restart_beside_the_db(start_server, tmp_path):
    db = tmp_path / "state.db"
    srv = start_server(db=db)
    client = make_client(srv.url)
    client.create_fleet(name="kept")
    before = world(client)
    saved = save(srv.url, "base")
    assert (tmp_path / "state.db.snapshots" / "base.sqlite").is_file()
    srv.stop()

    srv = start_server(db=db)
    client = make_client(srv.url)
    entry = listed(srv.url)["base"]
    assert entry["sizeBytes"] == saved["sizeBytes"] and entry["createdAt"] == saved["createdAt"]
    client.create_fleet(name="after-restart")
    restore(srv.url, "base")
    assert world(client) == before
    now = raw_http.send(srv.url, "GET", "/_emulator/clock").json()["nowMs"]
    srv.stop()

    # What a restore wrote is durable too, and the clock did not go back with it.
    srv = start_server(db=db)
    assert world(make_client(srv.url)) == before
    assert raw_http.send(srv.url, "GET", "/_emulator/clock").json()["nowMs"] >= now
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_snapshot_dir_flag_and_environment(start_server, tmp_path):
    srv = start_server(args=["--snapshot-dir", str(tmp_path / "by-flag")])
    save(srv.url, "one")
    assert (tmp_path / "by-flag" / "one.sqlite").is_file()
    srv.stop()
    os.environ["ROBOMAKER_LOCAL_SNAPSHOT_DIR"] = str(tmp_path / "by-env")
    try:
        srv = start_server()
    finally:
        del os.environ["ROBOMAKER_LOCAL_SNAPSHOT_DIR"]
    save(srv.url, "two")
    assert (tmp_path / "by-env" / "two.sqlite").is_file()


def test_memory_database_keeps_snapshots_in_memory(start_server, tmp_path):
    srv = start_server(db=":memory:")
    make_client(srv.url).create_fleet(name="f")
    save(srv.url, "m")
    assert listed(srv.url)["m"]["sizeBytes"] > 0
    assert restore(srv.url, "m")["restored"]["fleets"] == 1
    assert not os.path.exists(":memory:.snapshots")  # nothing written beside a ":memory:" database


def bad_files(directory):
    """A file of garbage, another program's SQLite database, and a truncated snapshot."""
    (directory / "garbage.sqlite").write_bytes(b"this is not a database at all" * 100)
    foreign = sqlite3.connect(directory / "foreign.sqlite")
    foreign.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    foreign.execute("INSERT INTO meta VALUES ('hello', 'world')")
    foreign.commit()
    foreign.close()
    good = (directory / "good.sqlite").read_bytes()
    (directory / "truncated.sqlite").write_bytes(good[: len(good) // 2])


def test_corrupt_and_foreign_files_are_reported_not_loaded(start_server, tmp_path):
    snaps = tmp_path / "snaps"
    srv = start_server(args=["--snapshot-dir", str(snaps)])
    client = make_client(srv.url)
    client.create_fleet(name="f")
    save(srv.url, "good")
    bad_files(snaps)
    entries = listed(srv.url)
    assert sorted(entries) == ["foreign", "garbage", "good", "truncated"]
    assert "error" not in entries["good"]
    assert "not a readable robomaker-local snapshot" in entries["garbage"]["error"]
    assert "not a robomaker-local snapshot" in entries["foreign"]["error"]
    assert entries["truncated"]["error"]
    client.create_fleet(name="current")
    now = world(client)
    for name in ("garbage", "foreign", "truncated"):
        resp = raw_http.send(srv.url, "POST", path(name, "/restore"))
        assert resp.status == 400 and resp.error_type == "InvalidParameterException", resp.body
        assert f"Snapshot '{name}' cannot be restored" in resp.json()["message"]
        assert world(client) == now
    # Unusable files can be deleted like any snapshot.
    assert raw_http.send(srv.url, "DELETE", path("garbage")).status == 200
    assert not (snaps / "garbage.sqlite").exists()


def test_files_that_are_not_snapshots_are_ignored(start_server, tmp_path):
    snaps = tmp_path / "snaps"
    snaps.mkdir()
    (snaps / "notes.txt").write_text("hello")
    (snaps / "bad name!.sqlite").write_text("x")
    srv = start_server(args=["--snapshot-dir", str(snaps)])
    assert listed(srv.url) == {}
