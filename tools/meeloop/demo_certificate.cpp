#include "demo_certificate.h"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <memory>
#include <utility>

#include "core/files.h"

namespace meeloop::cli {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct ExtensionFree {
  void operator()(X509_EXTENSION* e) const { X509_EXTENSION_free(e); }
};
struct BignumFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};

std::string bio_text(BIO& bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(&bio, &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

}  // namespace

// A self-signed certificate (P-256, 30 days) for 127.0.0.1 and localhost, and its key: what a
// client is told to trust (`--ca`). Made with libcrypto itself, so the demo needs no openssl
// command. The key file is 0600; the key's PEM text is wiped from memory after writing.
Status write_demo_certificate(const std::filesystem::path& certificate, const std::filesystem::path& key_file) {
  const Error fail = failure("OpenSSL could not make the demo hub's certificate");
  std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  std::unique_ptr<X509, X509Free> cert(X509_new());
  if (!key || !cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) return fail;
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return fail;
  serial[0] &= 0x7f;  // a positive serial number
  std::unique_ptr<BIGNUM, BignumFree> bn(BN_bin2bn(serial, sizeof serial, nullptr));
  if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()))) return fail;
  constexpr long kDay = 24L * 60 * 60;
  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* cn = reinterpret_cast<const unsigned char*>("Meeloop demo hub (127.0.0.1)");
  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30 * kDay) || X509_set_pubkey(cert.get(), key.get()) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1)
    return fail;
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert.get(), cert.get(), nullptr, nullptr, 0);
  // Its own trust anchor (CA), so a client given this file as its CA accepts it as the server's.
  const std::pair<int, const char*> extensions[] = {
      {NID_basic_constraints, "critical,CA:TRUE"},
      {NID_key_usage, "critical,digitalSignature,keyCertSign"},
      {NID_ext_key_usage, "serverAuth"},
      {NID_subject_key_identifier, "hash"},
      {NID_authority_key_identifier, "keyid:always"},
      {NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"}};
  for (const auto& [nid, value] : extensions) {
    std::unique_ptr<X509_EXTENSION, ExtensionFree> ext(X509V3_EXT_conf_nid(nullptr, &v3, nid, value));
    if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1) return fail;
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) return fail;
  std::unique_ptr<BIO, BioFree> cert_pem(BIO_new(BIO_s_mem()));
  std::unique_ptr<BIO, BioFree> key_pem(BIO_new(BIO_s_mem()));
  if (!cert_pem || !key_pem || PEM_write_bio_X509(cert_pem.get(), cert.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return fail;
  std::string key_text = bio_text(*key_pem);
  Status written = write_file_atomically(key_file, key_text, 0600);
  OPENSSL_cleanse(key_text.data(), key_text.size());
  MEELOOP_RETURN_IF_ERROR(std::move(written));
  return write_file_atomically(certificate, bio_text(*cert_pem), 0644);
}

// 24 random bytes as unpadded base64url: 32 characters that need no quoting in a shell and hold
// no ':' (which would end the kiosk id in Basic auth).
Result<std::string> random_device_key() {
  unsigned char bytes[24];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return failure("OpenSSL could not make a random device key");
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string key;
  for (size_t i = 0; i < sizeof bytes; i += 3) {
    const unsigned v = (unsigned(bytes[i]) << 16) | (unsigned(bytes[i + 1]) << 8) | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) key += alphabet[(v >> shift) & 63];
  }
  OPENSSL_cleanse(bytes, sizeof bytes);
  return key;
}

}  // namespace meeloop::cli
