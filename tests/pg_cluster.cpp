#include "pg_cluster.h"

#include <stdexcept>

namespace meeloop::test {
namespace {

template <class T>
T or_throw(Result<T> r) {
  if (!r) throw std::runtime_error(r.error().to_string());
  return std::move(r).value();
}

}  // namespace

PgCluster::PgCluster() : cluster_(or_throw(hub_store::LocalCluster::create())) {}

PgCluster::~PgCluster() = default;

std::string PgCluster::fresh_database() {
  return or_throw(cluster_->create_database("meeloop_test_" + std::to_string(++databases_)));
}

void PgCluster::start() { or_throw(cluster_->start()); }

void PgCluster::restart() { or_throw(cluster_->restart()); }

PgCluster& shared_pg_cluster() {
  static PgCluster cluster;
  return cluster;
}

}  // namespace meeloop::test
