#pragma once
// The control API's named snapshots (DESIGN §2, README "Snapshots"): POST /_emulator/snapshots
// {"name"}, GET /_emulator/snapshots, DELETE /_emulator/snapshots/NAME and
// POST /_emulator/snapshots/NAME/restore {"account"?, "region"?}. The files and the copy are
// store/snapshot_store and store/snapshot_restore; this side parses bodies, applies the bound and
// keeps the engine's caches, the fault rules and the waiters in step after a restore.
#include <cstddef>
#include <string>
#include <string_view>

#include "api/control/emulator_control.hpp"
#include "api/error.hpp"
#include "api/state.hpp"
#include "store/snapshot_store.hpp"

namespace rml::api::control {

// Snapshots kept at most; saving a new name beyond is LimitExceededException (replacing one is not).
inline constexpr std::size_t max_snapshots = 64;

// Brings the engine to the simulated present, then saves. {"name","createdAt","simulatedAt","sizeBytes"}.
result<std::string> save_snapshot(state& st, store::snapshot_store& snaps, std::string_view body);
// {"snapshots":[{"name","createdAt","simulatedAt","sizeBytes"} | {"name","sizeBytes","error"}],
//  "maxSnapshots":64}
std::string list_snapshots(store::snapshot_store& snaps);
// {"deleted":"NAME"}; ResourceNotFoundException (404) when there is none.
result<std::string> delete_snapshot(store::snapshot_store& snaps, const std::string& name);
// Replaces the whole state or the body's scope with the snapshot's, in one transaction.
// {"name","deleted":{counts},"restored":{counts}}. On success `scope` is what was restored (the
// server clears the journal's entries of that scope, as a reset does).
result<std::string> restore_snapshot(state& st, store::snapshot_store& snaps, const std::string& name,
                                     std::string_view body, reset_scope& scope);

}  // namespace rml::api::control
