#include "scene/zip_archive.h"

#include <zip.h>

#include "core/files.h"

namespace meeloop::scene {
namespace fs = std::filesystem;

void ZipArchive::Closer::operator()(zip* z) const { zip_discard(z); }

Result<ZipArchive> ZipArchive::open(const fs::path& path) {
  int code = 0;
  zip* z = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (!z) {
    zip_error_t err;
    zip_error_init_with_code(&err, code);
    std::string msg = std::string("cannot open zip archive: ") + zip_error_strerror(&err);
    zip_error_fini(&err);
    return failure(msg, path.string());
  }
  ZipArchive a;
  a.path_ = path.string();
  a.zip_ = std::shared_ptr<zip>(z, Closer{});
  zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(z, zip_uint64_t(i), ZIP_FL_ENC_GUESS);
    a.names_.emplace_back(name ? name : "");
  }
  return a;
}

Result<std::string> ZipArchive::read(const std::string& name, size_t max_bytes) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip_.get(), name.c_str(), 0, &st) != 0)
    return failure("no entry \"" + name + "\" in archive", path_);
  if (st.size > max_bytes)
    return failure("entry \"" + name + "\" is larger than " + std::to_string(max_bytes) + " bytes", path_);
  zip_file_t* f = zip_fopen_index(zip_.get(), st.index, 0);
  if (!f) return failure("cannot open entry \"" + name + "\": " + zip_strerror(zip_.get()), path_);
  std::string data(size_t(st.size), '\0');
  zip_int64_t got = zip_fread(f, data.data(), st.size);
  zip_fclose(f);
  if (got < 0 || zip_uint64_t(got) != st.size)
    return failure("cannot read entry \"" + name + "\" (corrupt archive?)", path_);
  return data;
}

Result<int> ZipArchive::extract_prefix(const std::string& prefix, const fs::path& dest) const {
  int written = 0;
  for (const std::string& name : names_) {
    if (name.rfind(prefix, 0) != 0 || name.empty() || name.back() == '/') continue;
    fs::path rel(name);
    if (rel.is_absolute() || name.find("..") != std::string::npos)
      return failure("refusing unsafe entry name \"" + name + "\"", path_);
    MEELOOP_ASSIGN_OR_RETURN(const std::string data, read(name));
    fs::path out = dest / rel;
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    // Cached models are no one's personal data: readable like any other cache file.
    MEELOOP_RETURN_IF_ERROR(write_file_atomically(out, data, 0644));
    ++written;
  }
  return written;
}

}  // namespace meeloop::scene
