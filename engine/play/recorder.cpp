#include "play/recorder.h"

#include <variant>

#include "store/participant_code.h"

namespace meeloop::play {
namespace {

// One write to the database, kept in play order until it has landed. Sessions are numbered
// locally (their index in Impl::sessions) because the database id exists only once written.
struct BeginOp {
  size_t session;
  store::Session record;
};
struct EventOp {
  size_t session;
  store::Event event;
};
struct EndOp {
  size_t session;
  std::string ending_id;
  std::string at;
};
using Op = std::variant<BeginOp, EventOp, EndOp>;

}  // namespace

struct Recorder::Impl {
  Log& log;
  bool consent = false;
  store::ShareScope share = store::ShareScope::None;
  std::string code, language;
  std::filesystem::path path;
  std::unique_ptr<store::EventStore> store;
  std::vector<int64_t> sessions;  // database id per local session, 0 until written
  std::deque<Op> queue;
  std::string warning;

  explicit Impl(Log& l) : log(l) {}

  Status write(Op& op) {
    if (auto* b = std::get_if<BeginOp>(&op)) {
      MEELOOP_ASSIGN_OR_RETURN(sessions[b->session], store->begin_session(b->record));
      return Ok{};
    }
    if (auto* e = std::get_if<EventOp>(&op)) {
      e->event.session_id = sessions[e->session];
      return store->append_event(e->event);
    }
    auto& end = std::get<EndOp>(op);
    return store->end_session(sessions[end.session], end.ending_id, end.at);
  }

  // Writes the queue front to back, stopping at the first failure so the order holds.
  void drain() {
    const size_t waiting = queue.size();
    while (!queue.empty()) {
      Status st = write(queue.front());
      if (!st) {
        const bool first = warning.empty();
        warning = st.error().to_string();
        if (first)
          log.warn("evidence database cannot be written (" + warning + "); " +
                   std::to_string(queue.size()) + " write(s) kept in memory and retried");
        return;
      }
      queue.pop_front();
    }
    if (!warning.empty()) {
      log.info("evidence database writable again; " + std::to_string(waiting) +
               " waiting write(s) saved in order");
      warning.clear();
    }
  }

  void push(Op op) {
    queue.push_back(std::move(op));
    drain();
  }
};

Result<std::unique_ptr<Recorder>> Recorder::open(const RecordingOptions& o, Log& log) {
  auto im = std::make_unique<Impl>(log);
  im->consent = o.consent;
  im->language = o.language;
  if (!o.consent) {  // nothing about the person is stored, not even that they played
    if (im->language.empty()) im->language = "nl";
    return std::unique_ptr<Recorder>(new Recorder(std::move(im)));
  }
  const bool is_new = !o.participant;
  if (is_new) {
    im->code = store::generate_participant_code();
  } else if (auto code = store::normalize_participant_code(*o.participant)) {
    im->code = *code;
  } else {
    return bad_input("", "", "\"" + *o.participant + "\" is not a participant code (expected the form "
                             "MEE-7KQ2-XDA; the last character is a check on typos)");
  }
  if (o.db_path.empty()) return failure("no evidence database given to record in");
  im->path = o.db_path;
  MEELOOP_ASSIGN_OR_RETURN(im->store, store::EventStore::open(im->path, log));
  im->store->set_busy_timeout_ms(o.busy_timeout_ms);
  MEELOOP_ASSIGN_OR_RETURN(std::optional<store::Participant> existing, im->store->participant(im->code));
  if (!existing) {
    // A new person consents now (o.consent); a typed code that is not here may be a typo.
    if (!is_new && !o.register_unknown)
      return bad_input(im->path.string(), "", "unknown participant code " + im->code +
                                                  "; a new participant is registered only with their consent");
    if (im->language.empty()) im->language = "nl";
    store::Participant p;
    p.code = im->code;
    p.consent = true;
    p.language = im->language;
    p.background = o.background;
    p.share = o.share.value_or(store::ShareScope::None);
    MEELOOP_RETURN_IF_ERROR(im->store->add_participant(p));
    im->share = p.share;
    return std::unique_ptr<Recorder>(new Recorder(std::move(im)));
  }
  if (o.share && *o.share != existing->share)
    return bad_input(im->path.string(), "",
                     "participant " + im->code + " chose the sharing scope \"" +
                         std::string(store::share_scope_name(existing->share)) +
                         "\" before; changing it is not supported yet (leave the scope out to keep it)");
  im->share = existing->share;
  if (im->language.empty()) im->language = existing->language.empty() ? "nl" : existing->language;
  return std::unique_ptr<Recorder>(new Recorder(std::move(im)));
}

Recorder::Recorder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Recorder::~Recorder() {
  if (impl_->queue.empty()) return;
  impl_->drain();
  if (!impl_->queue.empty())
    impl_->log.error("evidence database: " + std::to_string(impl_->queue.size()) +
                     " write(s) could not be saved before closing (" + impl_->warning + ")");
}

bool Recorder::consent() const { return impl_->consent; }
const std::string& Recorder::participant_code() const { return impl_->code; }
const std::string& Recorder::language() const { return impl_->language; }
store::ShareScope Recorder::share() const { return impl_->share; }
const std::filesystem::path& Recorder::database() const { return impl_->path; }

int64_t Recorder::session_id() const {
  return impl_->sessions.empty() ? 0 : impl_->sessions.back();
}

Status Recorder::begin_session(const std::string& scene_id, const std::string& scene_version) {
  Impl& im = *impl_;
  if (!im.consent) return Ok{};
  store::Session s;
  s.participant_code = im.code;
  s.scene_id = scene_id;
  s.scene_version = scene_version;
  s.language = im.language;
  s.started_at = store::now_utc();
  im.sessions.push_back(0);
  im.push(BeginOp{im.sessions.size() - 1, std::move(s)});
  return Ok{};
}

scenario::EventSink Recorder::sink() {
  return [this](store::Event& e) -> Status {
    Impl& im = *impl_;
    if (!im.consent) return Ok{};
    if (im.sessions.empty()) return failure("Recorder: begin_session must come before the first event");
    // Stamped now, not when the write finally lands.
    if (e.at.empty()) e.at = store::now_utc();
    im.push(EventOp{im.sessions.size() - 1, e});
    return Ok{};
  };
}

Status Recorder::end_session(const std::string& ending_id) {
  Impl& im = *impl_;
  if (!im.consent) return Ok{};
  if (im.sessions.empty()) return failure("Recorder: end_session without begin_session");
  im.push(EndOp{im.sessions.size() - 1, ending_id, store::now_utc()});
  return Ok{};
}

void Recorder::flush() {
  if (!impl_->queue.empty()) impl_->drain();
}

std::size_t Recorder::pending() const { return impl_->queue.size(); }
std::string Recorder::warning() const { return impl_->warning; }

}  // namespace meeloop::play
