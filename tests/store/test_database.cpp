#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

#include "store/database.hpp"
#include "store/fleet_repo.hpp"
#include "store/migrations.hpp"
#include "store/store_error.hpp"
#include "store/transaction.hpp"

using namespace rml::store;

TEST_CASE("opening a database applies every migration") {
    database db(":memory:");
    CHECK(db.schema_version() == latest_schema_version());
    CHECK(latest_schema_version() >= 1);
}

TEST_CASE("a transaction rolls back unless committed") {
    database db(":memory:");
    fleet_repo fleets(db);
    scope s{"123456789012", "us-east-1"};
    {
        transaction tx(db);
        fleet_row f{0, "arn:f1", "f1", 1000};
        fleets.insert(s, f);
    }
    CHECK(fleets.count(s) == 0);
    {
        transaction tx(db);
        fleet_row f{0, "arn:f2", "f2", 1000};
        fleets.insert(s, f);
        tx.commit();
    }
    CHECK(fleets.count(s) == 1);
}

TEST_CASE("a file database keeps its rows across reopening") {
    auto path = std::filesystem::temp_directory_path() / "rml_store_test_reopen.db";
    std::filesystem::remove(path);
    scope s{"123456789012", "us-east-1"};
    {
        database db(path.string());
        fleet_repo fleets(db);
        fleet_row f{0, "arn:kept", "kept", 42};
        fleets.insert(s, f);
    }
    {
        database db(path.string());
        fleet_repo fleets(db);
        auto f = fleets.find(s, "arn:kept");
        REQUIRE(f);
        CHECK(f->name == "kept");
        CHECK(f->created_ms == 42);
    }
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("a database from a newer build is refused") {
    auto path = std::filesystem::temp_directory_path() / "rml_store_test_future.db";
    std::filesystem::remove(path);
    {
        database db(path.string());
        db.exec("PRAGMA user_version = 999");
    }
    CHECK_THROWS_AS(database(path.string()), store_error);
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("a refused database is closed and its file descriptors freed") {
    // The constructor throws after sqlite3_open_v2 succeeded; its connection (and file descriptor)
    // must be closed even though no destructor runs. LeakSanitizer saw the leak in build-asan.
    auto path = std::filesystem::temp_directory_path() / "rml_store_test_refused.db";
    std::filesystem::remove(path);
    {
        database db(path.string());
        db.exec("PRAGMA user_version = 999");
    }
    auto open_fds = [] {
        auto fds = std::filesystem::directory_iterator("/proc/self/fd");
        return std::distance(std::filesystem::begin(fds), std::filesystem::end(fds));
    };
    auto before = open_fds();
    for (int i = 0; i < 20; ++i) CHECK_THROWS_AS(database(path.string()), store_error);
    CHECK(open_fds() == before);
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("bad SQL raises store_error") {
    database db(":memory:");
    CHECK_THROWS_AS(db.exec("SELEKT 1"), store_error);
    CHECK_THROWS_AS(db.prepare("SELECT nope FROM nowhere"), store_error);
}

TEST_CASE("a file database's WAL is checkpointed into the file by the checkpoint thread") {
    auto path = std::filesystem::temp_directory_path() / "rml_store_test_checkpoint.db";
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    {
        database db(path.string());
        db.exec("CREATE TABLE filler (x BLOB)");
        auto before = std::filesystem::file_size(path);
        for (int round = 0; round < 3; ++round) {  // each commit leaves more than 1000 pages in the WAL
            transaction tx(db);
            for (int i = 0; i < 1500; ++i) db.prepare("INSERT INTO filler VALUES (zeroblob(4000))").run();
            tx.commit();
            db.settle_checkpoints();
            CHECK(std::filesystem::file_size(path) >= before + static_cast<std::uintmax_t>(round + 1) * 1500 * 4000);
        }
        CHECK(db.prepare("SELECT COUNT(*) FROM filler").scalar_int() == 4500);
    }
    {
        database db(path.string());
        CHECK(db.prepare("SELECT COUNT(*) FROM filler").scalar_int() == 4500);
    }
    database memory(":memory:");
    memory.settle_checkpoints();  // nothing to wait for
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}
