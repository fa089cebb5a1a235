#pragma once
// A test CA and a certificate for 127.0.0.1 signed by it, made with Debian's openssl command
// (P-256 keys: quick to make), for the hub's TLS tests: ca.pem, ca.key, hub.crt and hub.key in
// `dir`.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace meeloop::test {

inline void run_openssl_quietly(const std::string& command) {
  INFO(command);
  REQUIRE(std::system(("openssl " + command + " >/dev/null 2>&1").c_str()) == 0);
}

inline void make_test_pki(const std::filesystem::path& dir) {
  const std::string d = dir.string();
  run_openssl_quietly("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
                      "-subj '/CN=Meeloop test CA' -keyout " + d + "/ca.key -out " + d + "/ca.pem");
  run_openssl_quietly("req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=127.0.0.1' -keyout " +
                      d + "/hub.key -out " + d + "/hub.csr");
  std::ofstream(dir / "ext.cnf") << "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n";
  run_openssl_quietly("x509 -req -days 2 -in " + d + "/hub.csr -CA " + d + "/ca.pem -CAkey " + d +
                      "/ca.key -CAcreateserial -extfile " + d + "/ext.cnf -out " + d + "/hub.crt");
}

}  // namespace meeloop::test
