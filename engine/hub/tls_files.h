#pragma once
// The hub's certificate chain and private key, read from the PEM files the configuration names
// (through read_regular_file: regular files only, size-limited) and checked to belong together
// before the server starts, so a wrong file is a clear BadInput rather than a failed handshake.
#include <openssl/ssl.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "core/error.h"

namespace meeloop::hub {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

class TlsFiles {
 public:
  static Result<TlsFiles> load(const std::filesystem::path& certificate, const std::filesystem::path& key);
  // Puts the certificate, its chain and the key into `ctx`, TLS 1.2 at least; false on failure.
  bool apply(SSL_CTX& ctx) const;

 private:
  std::vector<std::unique_ptr<X509, X509Free>> chain_;  // leaf first
  std::unique_ptr<EVP_PKEY, KeyFree> key_;
};

}  // namespace meeloop::hub
