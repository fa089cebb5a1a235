#pragma once
// A loopback TCP relay between a client and a server that cuts the network inside one request:
// it forwards both ways, and on the first connection that reaches the armed point it closes
// both sockets. Later connections are relayed whole.
//
// The stream is TLS, so the relay cannot see HTTP: it follows the TLS records (5-byte header,
// then the payload) and counts the client's application-data bytes (record type 23). Those
// begin once the handshake is done, with the request's head, so a count well past a few hundred
// bytes and short of the request's size lands inside its body.
#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace meeloop::test {

class TcpCutProxy {
 public:
  // Listens on 127.0.0.1 at a free port and relays to 127.0.0.1:`server_port`.
  explicit TcpCutProxy(int server_port);
  ~TcpCutProxy();  // closes every socket and joins its threads
  TcpCutProxy(const TcpCutProxy&) = delete;
  TcpCutProxy& operator=(const TcpCutProxy&) = delete;

  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

  // Cut once `bytes` of the client's application data have been passed on: the server never
  // gets the rest of the request.
  void cut_request_after(size_t bytes);
  // Once the client has begun sending application data, hold back whatever the server sends,
  // and cut when `answered()` says the server has answered (polled every 10 ms, from the relay's
  // thread): the server did the work, the client never hears of it.
  void cut_answer_when(std::function<bool()> answered);
  // Whether the armed cut has happened.
  bool did_cut() const { return did_cut_; }

 private:
  void accept_loop();
  void relay(int client, int server);

  int listener_ = -1;
  int port_ = 0;
  int server_port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> did_cut_{false};
  std::mutex mutex_;  // guards the armed cut and threads_
  size_t request_limit_ = 0;                // 0: not armed
  std::function<bool()> answered_;          // empty: not armed
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace meeloop::test
