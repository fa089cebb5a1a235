#include "hub/tls_files.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include "core/files.h"

namespace meeloop::hub {
namespace {

constexpr size_t kMaxPemBytes = 1u << 20;

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};

std::unique_ptr<BIO, BioFree> memory_bio(const std::string& text) {
  return std::unique_ptr<BIO, BioFree>(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

}  // namespace

Result<TlsFiles> TlsFiles::load(const std::filesystem::path& certificate, const std::filesystem::path& key) {
  TlsFiles t;
  MEELOOP_ASSIGN_OR_RETURN(std::string cert_pem,
                           read_regular_file(certificate, kMaxPemBytes, "a TLS certificate (PEM)"));
  auto bio = memory_bio(cert_pem);
  while (X509* x = bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr)
    t.chain_.emplace_back(x);
  ERR_clear_error();  // the loop ends on "no start line", which is not an error here
  if (t.chain_.empty())
    return bad_input(certificate.string(), "", "expected a PEM certificate (-----BEGIN CERTIFICATE-----)");

  MEELOOP_ASSIGN_OR_RETURN(std::string key_pem, read_regular_file(key, kMaxPemBytes, "a TLS private key (PEM)"));
  auto key_bio = memory_bio(key_pem);
  t.key_.reset(key_bio ? PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr) : nullptr);
  OPENSSL_cleanse(key_pem.data(), key_pem.size());
  ERR_clear_error();
  if (!t.key_) return bad_input(key.string(), "", "expected an unencrypted PEM private key");
  if (X509_check_private_key(t.chain_.front().get(), t.key_.get()) != 1) {
    ERR_clear_error();
    return bad_input(key.string(), "", "this key does not belong to the certificate in " + certificate.string());
  }
  return t;
}

bool TlsFiles::apply(SSL_CTX& ctx) const {
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
  if (SSL_CTX_use_certificate(&ctx, chain_.front().get()) != 1) return false;
  for (size_t i = 1; i < chain_.size(); ++i)
    if (SSL_CTX_add1_chain_cert(&ctx, chain_[i].get()) != 1) return false;
  if (SSL_CTX_use_PrivateKey(&ctx, key_.get()) != 1) return false;
  return SSL_CTX_check_private_key(&ctx) == 1;
}

}  // namespace meeloop::hub
