// Seeding the hub's store by COPY (engine/hub_store/bulk_load.h): loaded rows read back through
// query_statements and statements_of exactly like rows stored by insert_statements; and a smoke
// run of `meeloop bench hub` at a tiny size.
#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "core/uuid.h"
#include "hub_store/bulk_load.h"
#include "hub_store/hub_store.h"
#include "pg_cluster.h"
#include "run_meeloop.h"

using namespace meeloop;
using namespace meeloop::hub_store;
using meeloop::test::shared_pg_cluster;

namespace {

const char* kHomePage = "https://kiosk.example/huize-zonneweide";

std::string id_of(const std::string& name) { return format_uuid(uuid_v5(kMeeloopNamespace, "bulk-test|" + name)); }

// A statement as a kiosk sends it, in the details that decide its columns: an upper-case id
// (stored lower case), a registration, a timestamp, and "stored"/"version" that the hub drops.
Json statement(const std::string& code, int n, const std::string& registration) {
  std::string id = id_of(code + "|" + std::to_string(n));
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return {{"id", id},
          {"actor", {{"objectType", "Agent"}, {"account", {{"homePage", kHomePage}, {"name", code}}}}},
          {"verb",
           {{"id", n % 3 == 0 ? "http://adlnet.gov/expapi/verbs/asked" : "http://adlnet.gov/expapi/verbs/answered"},
            {"display", {{"en-US", "answered"}}}}},
          {"object", {{"objectType", "Activity"}, {"id", "https://meeloop.example/xapi/step/" + std::to_string(n)}}},
          {"result", {{"response", "choice-" + std::to_string(n)}, {"extensions", {{"https://meeloop.example/x", 1.50}}}}},
          {"context", {{"registration", registration}}},
          {"timestamp", "2026-12-07T10:00:0" + std::to_string(n % 10) + ".000Z"},
          {"stored", "2026-12-07T11:00:00.000Z"},
          {"version", "1.0.3"}};
}

// Three people over two organisations and both scopes: 24 statements.
std::vector<IncomingStatement> batch() {
  std::vector<IncomingStatement> out;
  const std::vector<std::string> codes = {"MEE-AAAA-22", "MEE-BBBB-33", "MEE-CCCC-44"};
  for (size_t p = 0; p < codes.size(); ++p)
    for (int n = 0; n < 8; ++n)
      out.push_back({statement(codes[p], n, id_of(codes[p] + "|session|" + std::to_string(n / 4))),
                     p == 1 ? "zorg-b" : "zorg-a", p == 2 ? "organisation" : "region", "kiosk-1"});
  return out;
}

HubStore open_ok(const std::string& url) {
  auto store = HubStore::open(url);
  INFO((store ? "" : store.error().to_string()));
  REQUIRE(store);
  return std::move(store).value();
}

void bulk_load_ok(const std::string& url, const std::vector<IncomingStatement>& rows, const BulkLoadOptions& options,
                  const std::string& stored = "") {
  auto loader = BulkLoader::open(url, options);
  INFO((loader ? "" : loader.error().to_string()));
  REQUIRE(loader);
  for (const IncomingStatement& in : rows) {
    Status added = loader->add(in, stored);
    INFO((added ? "" : added.error().to_string()));
    REQUIRE(added);
  }
  Status finished = loader->finish();
  INFO((finished ? "" : finished.error().to_string()));
  REQUIRE(finished);
  CHECK(loader->rows() == static_cast<int64_t>(rows.size()));
}

// Everything a reader sees of a page but seq and stored, which only say when a row came.
std::vector<std::string> seen(const StatementPage& page) {
  std::vector<std::string> out;
  for (const StoredStatement& s : page.statements)
    out.push_back(s.id + " " + s.organisation + " " + s.scope + " " + s.statement.dump());
  return out;
}

// Every page of `filter`, followed with `more`.
std::vector<std::vector<std::string>> pages(HubStore& store, StatementFilter filter) {
  std::vector<std::vector<std::string>> out;
  for (int guard = 0; guard < 100; ++guard) {
    auto page = store.query_statements(filter);
    INFO((page ? "" : page.error().to_string()));
    REQUIRE(page);
    out.push_back(seen(*page));
    if (page->more.empty()) break;
    filter.after = page->more;
  }
  return out;
}

std::vector<std::string> index_names(const std::string& url) {
  pqxx::connection c(url);
  pqxx::work w(c);
  std::vector<std::string> out;
  for (const auto& row : w.exec("SELECT indexname FROM pg_indexes WHERE tablename = 'statements' ORDER BY 1"))
    out.push_back(row[0].as<std::string>());
  return out;
}

// The value of the line "bench hub: <name> <value> <unit>"; -1 when there is none.
double figure_of(const std::string& out, const std::string& name) {
  const std::string key = "bench hub: " + name + " ";
  const auto at = out.find(key);
  return at == std::string::npos ? -1 : std::atof(out.c_str() + at + key.size());
}

}  // namespace

TEST_CASE("statements bulk-loaded read back through every query exactly like inserted ones", "[hub][bulk]") {
  auto& cluster = shared_pg_cluster();
  const std::string inserted_url = cluster.fresh_database();
  const std::string loaded_url = cluster.fresh_database();
  HubStore inserted = open_ok(inserted_url);
  HubStore loaded = open_ok(loaded_url);
  const std::vector<IncomingStatement> rows = batch();
  auto report = inserted.insert_statements(rows);
  REQUIRE(report);
  REQUIRE(report->committed);
  const std::vector<std::string> indexes = index_names(loaded_url);
  BulkLoadOptions options;
  options.rows_per_transaction = 5;  // several COMMITs, the last one partial
  options.defer_indexes = GENERATE(false, true);
  bulk_load_ok(loaded_url, rows, options);
  CHECK(index_names(loaded_url) == indexes);  // dropped for the load and made again

  std::vector<StatementFilter> filters(9);
  filters[1].agent_code = "MEE-BBBB-33";
  filters[2].agent_home_page = kHomePage;
  filters[3].registration = id_of("MEE-AAAA-22|session|1");
  filters[4].verb = "http://adlnet.gov/expapi/verbs/asked";
  filters[5].visible_to = "zorg-b";  // its own and the region's: not MEE-CCCC-44's
  filters[6].ascending = true;
  filters[7].since = "2000-01-01T00:00:00Z";
  filters[8].until = "2000-01-01T00:00:00Z";
  for (size_t i = 0; i < filters.size(); ++i) {
    for (size_t limit : {size_t(0), size_t(5)}) {
      StatementFilter f = filters[i];
      f.limit = limit;
      INFO("filter " << i << ", limit " << limit << ", indexes deferred: " << options.defer_indexes);
      const auto want = pages(inserted, f);
      CHECK(pages(loaded, f) == want);
      if (i == 0 || i == 6) CHECK(want.front().size() == (limit ? limit : rows.size()));
    }
  }
  CHECK(pages(loaded, filters[5]).front().size() == 16);
  CHECK(pages(loaded, filters[8]).front().empty());

  auto a = inserted.statements_of("MEE-CCCC-44");
  auto b = loaded.statements_of("MEE-CCCC-44");
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(b->size() == 8);
  for (size_t i = 0; i < a->size(); ++i) {
    CHECK((*b)[i].statement == (*a)[i].statement);
    CHECK((*b)[i].id == (*a)[i].id);
    CHECK((*b)[i].id == id_of("MEE-CCCC-44|" + std::to_string(i)));  // lower case, in order
    CHECK((*b)[i].statement.count("stored") == 0);
    CHECK((*b)[i].stored.size() == std::string("2026-12-07T11:00:00.000Z").size());
  }
  // The loaded rows are the stored ones: sending them again changes nothing.
  auto again = loaded.insert_statements(rows);
  REQUIRE(again);
  CHECK(again->committed);
  CHECK(std::set<Outcome>(again->outcomes.begin(), again->outcomes.end()) == std::set<Outcome>{Outcome::AlreadyStored});
}

TEST_CASE("a bulk load keeps the stored time it is given and refuses what insert_statements refuses", "[hub][bulk]") {
  const std::string url = shared_pg_cluster().fresh_database();
  HubStore store = open_ok(url);
  std::vector<IncomingStatement> rows = batch();
  rows.resize(2);
  bulk_load_ok(url, rows, {}, "2025-03-04T05:06:07.089Z");
  auto got = store.statement(id_of("MEE-AAAA-22|1"));
  REQUIRE(got);
  REQUIRE(got->has_value());
  CHECK((*got)->stored == "2025-03-04T05:06:07.089Z");
  StatementFilter f;
  f.until = "2025-03-04T05:06:07.089Z";
  auto page = store.query_statements(f);
  REQUIRE(page);
  CHECK(page->statements.size() == 2);

  auto loader = BulkLoader::open(url);
  REQUIRE(loader);
  IncomingStatement no_id = batch()[3];
  no_id.statement.erase("id");
  Status refused = loader->add(no_id);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::BadInput);
  CHECK(refused.error().pointer == "/0/id");
  IncomingStatement kept_local = batch()[4];
  kept_local.scope = "none";
  refused = loader->add(kept_local);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("sharing scope") != std::string::npos);
  refused = loader->add(batch()[5], "yesterday");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::BadInput);
  // An id already stored fails the load (no silent doubles) and nothing of its transaction stays.
  REQUIRE(loader->add(batch()[6]));
  (void)loader->add(rows[0]);  // the server may say so now or at the end of the COPY
  CHECK_FALSE(loader->finish());
  auto all = store.query_statements({});
  REQUIRE(all);
  CHECK(all->statements.size() == 2);
}

TEST_CASE("bench hub at a tiny size prints every figure and exits 0", "[hub][bench]") {
  std::string out;
  const std::string command = test::meeloop_path(MEELOOP_BIN_FALLBACK) +
                              " bench hub --kiosks 2 --seconds 2 --participants 200 --statements 5000 --lookups 20";
  const int rc = test::run_captured(command, out);
  INFO(out);
  CHECK(rc == 0);
  for (const char* name :
       {"machine_cores", "postgresql_version", "ingest_kiosks", "ingest_seconds", "ingest_statements", "ingest_rate",
        "ingest_rate_per_kiosk", "ingest_batch_p50", "ingest_batch_p95", "ingest_batch_p99", "ingest_errors 0.0",
        "seed_statements", "seed_participants", "seed_copy_seconds", "seed_index_seconds", "lookup_http_mode",
        "lookup_http_count 20.0", "lookup_http_p50", "lookup_http_p95", "lookup_http_p99", "lookup_http_max",
        "lookup_http_errors 0.0", "lookup_inprocess_mode", "lookup_inprocess_count 20.0", "lookup_inprocess_p50",
        "lookup_inprocess_p95", "lookup_inprocess_p99", "lookup_inprocess_max", "lookup_inprocess_errors 0.0", "process_rss_before",
        "process_rss_ingest_peak", "process_rss_growth_ingest_second_half", "process_rss_growth_lookups_second_half",
        "postgres_pss_before", "postgres_pss_growth_lookups_second_half", "database_statements",
        "database_participants", "database_size"})
    CHECK(out.find(std::string("bench hub: ") + name + " ") != std::string::npos);
  // Seeded up to the size asked, on top of what the kiosks sent, which all arrived.
  CHECK(figure_of(out, "ingest_statements") > 0);
  CHECK(figure_of(out, "database_participants") >= 200);
  CHECK(figure_of(out, "database_statements") >= 5000);
  CHECK(figure_of(out, "database_statements") == figure_of(out, "ingest_statements") + figure_of(out, "seed_statements"));
  CHECK(figure_of(out, "postgres_pss_before") > 0);  // the server's memory was read
}
