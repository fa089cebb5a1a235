#include "tcp_cut_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace meeloop::test {
namespace {

constexpr unsigned char kApplicationData = 23;

// The TLS records of one direction of a stream, read as they pass.
class TlsRecords {
 public:
  // Reads up to `n` bytes and returns how many it read: fewer when the next one would be
  // application data past `limit`.
  size_t read(const unsigned char* p, size_t n, size_t limit) {
    for (size_t i = 0; i < n; ++i) {
      if (header_have_ < 5) {
        header_[header_have_++] = p[i];
        if (header_have_ == 5) payload_left_ = size_t(header_[3]) << 8 | header_[4];
        if (header_have_ == 5 && payload_left_ == 0) header_have_ = 0;
        continue;
      }
      if (header_[0] == kApplicationData) {
        if (application_data_ == limit) return i;
        ++application_data_;
      }
      if (--payload_left_ == 0) header_have_ = 0;
    }
    return n;
  }
  size_t application_data() const { return application_data_; }

 private:
  unsigned char header_[5] = {};
  size_t header_have_ = 0;
  size_t payload_left_ = 0;
  size_t application_data_ = 0;
};

bool write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= size_t(w);
  }
  return true;
}

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

void cut(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

}  // namespace

TcpCutProxy::TcpCutProxy(int server_port) : server_port_(server_port) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a = loopback(0);
  socklen_t len = sizeof a;
  if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(listener_, 16) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    const std::string why = std::strerror(errno);
    if (listener_ >= 0) ::close(listener_);
    throw std::runtime_error("the test's TCP relay cannot listen on 127.0.0.1: " + why);
  }
  port_ = ntohs(a.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

TcpCutProxy::~TcpCutProxy() {
  stopping_ = true;
  acceptor_.join();
  std::lock_guard lock(mutex_);
  for (auto& t : threads_) t.join();
  ::close(listener_);
}

void TcpCutProxy::cut_request_after(size_t bytes) {
  std::lock_guard lock(mutex_);
  request_limit_ = bytes;
}

void TcpCutProxy::cut_answer_when(std::function<bool()> answered) {
  std::lock_guard lock(mutex_);
  answered_ = std::move(answered);
}

void TcpCutProxy::accept_loop() {
  while (!stopping_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = loopback(server_port_);
    if (server < 0 || ::connect(server, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      if (server >= 0) ::close(server);
      ::close(client);
      continue;
    }
    std::lock_guard lock(mutex_);
    threads_.emplace_back([this, client, server] { relay(client, server); });
  }
}

void TcpCutProxy::relay(int client, int server) {
  TlsRecords from_client;
  std::string held;  // what the server said after the request began, while a cut is armed on it
  char buf[16384];
  while (!stopping_) {
    size_t limit = std::numeric_limits<size_t>::max();
    std::function<bool()> answered;
    {
      std::lock_guard lock(mutex_);
      if (!did_cut_ && request_limit_ > 0) limit = request_limit_;
      if (!did_cut_) answered = answered_;
    }
    const bool holding = answered && from_client.application_data() > 0;
    if (holding && answered()) {
      did_cut_ = true;
      break;
    }
    pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    const int ready = ::poll(fds, 2, 10);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    if (fds[0].revents) {
      const ssize_t n = ::read(client, buf, sizeof buf);
      if (n <= 0) break;
      const size_t pass = from_client.read(reinterpret_cast<const unsigned char*>(buf), size_t(n), limit);
      if (!write_all(server, buf, pass)) break;
      if (pass < size_t(n)) {
        did_cut_ = true;
        break;
      }
    }
    if (fds[1].revents) {
      const ssize_t n = ::read(server, buf, sizeof buf);
      if (n <= 0) break;
      if (holding) {
        held.append(buf, size_t(n));
      } else if (!write_all(client, buf, size_t(n))) {
        break;
      }
    }
  }
  cut(client);
  cut(server);
}

}  // namespace meeloop::test
