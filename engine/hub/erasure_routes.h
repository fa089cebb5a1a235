#pragma once
// The hub's side of erasures that travel (issue 18, item 3): a person forgotten on a kiosk is
// erased on the hub at the kiosk's request. xAPI has no such request, so the hub serves one of
// its own:
//   POST /meeloop/v1/erasures   {"codes": ["MEE-7KQ2-XDA", ...]}   (1 to kMaxErasureCodes codes)
//     200 {"erased": <codes>, "statements": <statements removed>}
//     400 a body that is not that shape, with the JSON pointer of the first wrong part
//     401 / 429 the device key, as for the statements API (device_auth.h)
//     503 the database cannot be reached (nothing is half done: each code is one transaction,
//         and erasing twice is harmless, so the kiosk simply sends the request again)
// Each code goes through HubStore::erase, which removes the person's statements, records the
// erasure (later statements for the code are refused with 403) and writes an audit entry
// (actor: the device id; action "erase"; detail {"requested_by": "kiosk"}) in one transaction.
// Any authenticated kiosk may ask: forgetting is the person's right wherever they ask for it, and
// a code is all the kiosk knows. No X-Experience-API-Version header is needed.
#include <cstddef>

#include "core/log.h"
#include "hub/device_auth.h"
#include "hub_store/hub_store.h"

namespace httplib {
class Server;
}

namespace meeloop::hub {

inline constexpr const char* kErasuresPath = "/meeloop/v1/erasures";
inline constexpr size_t kMaxErasureCodes = 1000;

// Registers the route on `server`. `auth`, `store` and `log` must outlive it. The server's own
// payload limit (HubLimits::max_body_bytes) applies to the body.
void register_erasure_routes(httplib::Server& server, DeviceAuth& auth, hub_store::HubStore& store, Log& log);

}  // namespace meeloop::hub
