// Texture decoding with Debian's libstb (the implementation lives in the library, so
// STB_IMAGE_IMPLEMENTATION is deliberately not defined here).
#include <stb/stb_image.h>

#include "core/files.h"
#include "scene/importer.h"

namespace meeloop::scene {
namespace fs = std::filesystem;

Result<int> load_texture_memory(WorldBuilder& builder, const void* data, size_t size,
                                const std::string& source, const ImportLimits& limits) {
  std::string hash = content_hash(data, size);
  if (auto known = builder.find_image(hash)) return *known;
  if (size > limits.max_texture_bytes || size > size_t(INT32_MAX))
    return bad_input(source, "", "texture is " + std::to_string(size) + " bytes; at most " +
                                     std::to_string(limits.max_texture_bytes) + " are allowed");
  int w = 0, h = 0, comp = 0;
  auto* bytes = static_cast<const stbi_uc*>(data);
  if (!stbi_info_from_memory(bytes, int(size), &w, &h, &comp))
    return bad_input(source, "", std::string("cannot decode texture: ") + stbi_failure_reason());
  if (w <= 0 || h <= 0 || uint32_t(w) > limits.max_texture_size ||
      uint32_t(h) > limits.max_texture_size)
    return bad_input(source, "", "texture is " + std::to_string(w) + "x" + std::to_string(h) +
                                     " pixels; at most " + std::to_string(limits.max_texture_size) +
                                     " in each direction are allowed");
  stbi_uc* pixels = stbi_load_from_memory(bytes, int(size), &w, &h, &comp, 4);
  if (!pixels)
    return bad_input(source, "", std::string("cannot decode texture: ") + stbi_failure_reason());
  Image image;
  image.source = source;
  image.width = uint32_t(w);
  image.height = uint32_t(h);
  image.rgba.assign(pixels, pixels + size_t(w) * size_t(h) * 4);
  stbi_image_free(pixels);
  return builder.add_image(std::move(image), hash);
}

Result<int> load_texture_file(WorldBuilder& builder, const fs::path& file,
                              const ImportLimits& limits) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  std::string key = "file:" + (ec ? file.string() : canonical.string());
  if (auto known = builder.find_image(key)) return *known;
  if (!fs::is_regular_file(file, ec)) return bad_input(file.string(), "", "texture file not found");
  auto bytes = fs::file_size(file, ec);
  if (ec) return bad_input(file.string(), "", "cannot read texture: " + ec.message());
  if (bytes > limits.max_texture_bytes)
    return bad_input(file.string(), "", "texture is " + std::to_string(bytes) + " bytes; at most " +
                                            std::to_string(limits.max_texture_bytes) + " are allowed");
  // Read as a regular file with the limit held while reading: the file may change after the stat.
  MEELOOP_ASSIGN_OR_RETURN(std::string data,
                           read_regular_file(file, size_t(limits.max_texture_bytes), "a texture image"));
  auto index = load_texture_memory(builder, data.data(), data.size(), file.string(), limits);
  if (index) builder.add_image_key(key, *index);
  return index;
}

}  // namespace meeloop::scene
