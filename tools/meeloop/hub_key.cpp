#include "hub_key.h"

#include <sys/stat.h>

#include <openssl/crypto.h>

#include "core/error.h"
#include "core/files.h"

namespace meeloop::cli {
namespace {

constexpr size_t kMaxKeyFileBytes = 4096;

}  // namespace

void set_device_key(const std::string& text, const std::string& option, sync::SyncOptions& o) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    throw ErrorException(bad_input("", option, "expected <kiosk-id>:<device key>"));
  o.device_id = text.substr(0, colon);
  o.device_key = text.substr(colon + 1);
}

void read_device_key_file(const std::filesystem::path& file, const std::string& option, sync::SyncOptions& o) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0)
    throw ErrorException(bad_input(file.string(), option, "cannot read the device key file"));
  if ((st.st_mode & 077) != 0)
    throw ErrorException(bad_input(file.string(), option,
                                   "other users may read this device key file; make it private (chmod 600)"));
  std::string text = value_or_throw(read_regular_file(file, kMaxKeyFileBytes, "the device key file"));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  const bool one_line = text.find('\n') == std::string::npos;
  try {
    if (one_line) set_device_key(text, option, o);
  } catch (...) {
    OPENSSL_cleanse(text.data(), text.size());
    throw;
  }
  OPENSSL_cleanse(text.data(), text.size());
  if (!one_line) throw ErrorException(bad_input(file.string(), option, "expected one line <kiosk-id>:<device key>"));
}

}  // namespace meeloop::cli
