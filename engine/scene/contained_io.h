#pragma once
// Assimp's file access for one import, kept to the allowed roots (internal to the importer).
// The text scan (model_refs.h) finds the names a model writes; this catches every file Assimp
// itself opens, whatever the format or a fallback it tries, so nothing outside is ever read.
#include <optional>
#include <string>

#include <assimp/DefaultIOSystem.h>

#include "core/package_path.h"

namespace meeloop::scene {

class ContainedIOSystem : public Assimp::DefaultIOSystem {
 public:
  explicit ContainedIOSystem(AllowedRoots roots) : roots_(std::move(roots)) {}
  using Assimp::DefaultIOSystem::Exists;
  using Assimp::DefaultIOSystem::Open;
  bool Exists(const char* file) const override;
  Assimp::IOStream* Open(const char* file, const char* mode = "rb") override;
  // The first name Assimp asked for that was refused (outside the roots, or for writing).
  const std::optional<std::string>& refused() const { return refused_; }

 private:
  // The canonical path to open, or nullopt (and the name remembered) when it is not allowed.
  std::optional<std::string> allowed(const char* file) const;
  AllowedRoots roots_;
  mutable std::optional<std::string> refused_;
};

}  // namespace meeloop::scene
