#include "scene/importer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>

#include <assimp/GltfMaterial.h>
#include <assimp/Importer.hpp>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <glm/gtc/matrix_inverse.hpp>

#include "core/files.h"
#include "scene/contained_io.h"
#include "scene/mesh_cache.h"
#include "scene/model_refs.h"
#include "scene/simplify.h"

namespace meeloop::scene {
namespace fs = std::filesystem;
namespace {

// Counts nodes up to `stop` without recursion: a deep node chain must not overflow the stack.
size_t count_nodes(const aiNode* root, size_t stop) {
  size_t n = 0;
  std::vector<const aiNode*> todo{root};
  while (!todo.empty() && n < stop) {
    const aiNode* node = todo.back();
    todo.pop_back();
    ++n;
    for (unsigned i = 0; i < node->mNumChildren; ++i)
      if (node->mChildren[i]) todo.push_back(node->mChildren[i]);
  }
  return n;
}

float srgb_to_linear(float c) {
  c = std::clamp(c, 0.0f, 1.0f);
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e) c = char(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

// Assimp 5.2.5 (Debian 12) writes through a null material when an MTL file has a texture
// statement (map_*, bump, disp, and lines it mistakes for one) before its first "newmtl", and
// crashes (upstream assimp#4771; found by tests/fuzz fuzz_obj). Before the first "newmtl" only
// comments and the plain colour/number statements some catalog files carry (e.g. "Ns 20") are
// accepted; anything else is refused here, before Assimp reads it. Lines end at \r, \n, \f
// and \0 as in Assimp. `mtls` are the OBJ's MTL files (model_refs.h: all inside the package,
// so quoting a word of theirs never shows another file's content).
std::optional<Error> check_mtl_files(const std::vector<fs::path>& mtls, uintmax_t max_bytes) {
  auto first_word = [](const std::string& line) {
    size_t i = line.find_first_not_of(" \t");
    if (i == std::string::npos) return std::string();
    std::string w = line.substr(i, line.find_first_of(" \t", i) - i);
    for (char& c : w) c = char(std::tolower(static_cast<unsigned char>(c)));
    return w;
  };
  for (const fs::path& mtl : mtls) {
    MEELOOP_ASSIGN_OR_RETURN(std::string text, read_regular_file(mtl, size_t(max_bytes), "an MTL file"));
    std::vector<std::string> lines(1);
    for (char c : text) {
      if (c == '\r' || c == '\n' || c == '\f' || c == '\0') lines.emplace_back();
      else lines.back() += c;
    }
    int n = 0;
    for (const std::string& line : lines) {
      ++n;
      std::string word = first_word(line);
      if (word == "newmtl") break;
      static const std::set<std::string> kHarmless{"ka", "kd", "ks", "ke", "ns", "ni", "d", "tr", "tf", "illum"};
      if (word.empty() || word[0] == '#' || kHarmless.contains(word)) continue;
      Error e = bad_input(mtl.string(), "", "statement \"" + word.substr(0, 40) + "\" before the first \"newmtl\" "
                                            "(it needs a material to belong to)");
      e.location = std::to_string(n);
      return e;
    }
  }
  return std::nullopt;
}

// Assimp 5.2.5 allocates and clears the length a binary glTF's header claims before comparing
// it with the file, so an 800-byte .glb can make it allocate gigabytes (found by tests/fuzz
// fuzz_gltf). The lengths are checked against the file size here first.
std::optional<Error> check_glb_header(const fs::path& file, uintmax_t size) {
  std::ifstream in(file, std::ios::binary);
  std::string head(20, '\0');
  in.read(head.data(), 20);
  if (in.gcount() < 12 || head.compare(0, 4, "glTF") != 0) return std::nullopt;  // text glTF
  auto u32 = [](const std::string& b, size_t at) {
    return uint32_t(uint8_t(b[at])) | uint32_t(uint8_t(b[at + 1])) << 8 |
           uint32_t(uint8_t(b[at + 2])) << 16 | uint32_t(uint8_t(b[at + 3])) << 24;
  };
  auto refuse = [&](const std::string& why) { return bad_input(file.string(), "", "broken binary glTF: " + why); };
  if (u32(head, 8) != size)
    return refuse("its header says " + std::to_string(u32(head, 8)) + " bytes but the file has " + std::to_string(size));
  // glTF 1 binary: one content block right after the 20-byte header.
  if (u32(head, 4) == 1)
    return in.gcount() == 20 && u32(head, 12) <= size - 20 ? std::nullopt
                                                            : std::optional<Error>(refuse("its content length runs past the end of the file"));
  // glTF 2: chunks of (length, type, data) from byte 12 on.
  for (uintmax_t at = 12; at + 8 <= size;) {
    std::string chunk(8, '\0');
    in.seekg(std::streamoff(at));
    in.read(chunk.data(), 8);
    uintmax_t length = u32(chunk, 0);
    if (!in || length > size - at - 8)
      return refuse("the chunk at byte " + std::to_string(at) + " claims " + std::to_string(length) +
                    " bytes, past the end of the file");
    at += 8 + length;
  }
  return std::nullopt;
}

// Assimp 5.2.5 reads an embedded image's file type from the text after the '/' of its
// mimeType without checking that there is one, and crashes on "image+png" (found by tests/fuzz
// fuzz_gltf). Such a glTF (text, or the JSON chunk of a .glb) is refused here first.
std::optional<Error> check_gltf_mime_types(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.compare(0, 4, "glTF") == 0) {  // binary: the JSON chunk follows the 12-byte header
    if (text.size() < 20) return std::nullopt;
    const uint32_t length = uint32_t(uint8_t(text[12])) | uint32_t(uint8_t(text[13])) << 8 |
                            uint32_t(uint8_t(text[14])) << 16 | uint32_t(uint8_t(text[15])) << 24;
    text = text.substr(20, length);
  }
  // A text scan, not a JSON parser: Assimp accepts JSON that is not valid UTF-8, so a parser
  // that refused it would let the crash through.
  const std::string key = "\"mimeType\"";
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + key.size())) {
    size_t v = text.find_first_not_of(" \t\r\n", at + key.size());
    if (v == std::string::npos || text[v] != ':') continue;  // the word inside some other string
    v = text.find_first_not_of(" \t\r\n", v + 1);
    const size_t close = v != std::string::npos && text[v] == '"' ? text.find('"', v + 1) : std::string::npos;
    const std::string value = close == std::string::npos ? "" : text.substr(v + 1, close - v - 1);
    if (value.find('/') != std::string::npos) continue;
    return bad_input(file.string(), "", "image mimeType \"" + value.substr(0, 40) +
                                            "\": expected a MIME type such as \"image/png\" or \"image/jpeg\"");
  }
  return std::nullopt;
}

// Resolves a material's texture to an image index, or -1 with a warning: a missing or broken
// texture should not stop a scene from loading, the surface just shows its colour. A texture
// outside the roots is an error (the text scan names it with line:col first; this is the net
// for a name Assimp spelled differently).
Result<int> texture_index(WorldBuilder& builder, const aiScene* scene, const aiString& path, const fs::path& model,
                          const AllowedRoots& roots, const ImportOptions& options, Log& log) {
  const ImportLimits& limits = options.limits;
  const fs::path model_dir = model.parent_path();
  std::string p = path.C_Str();
  if (p.empty()) return -1;
  Result<int> r = Error{};
  if (const aiTexture* tex = scene->GetEmbeddedTexture(p.c_str())) {
    std::string source = (model_dir / p).string();
    if (tex->mHeight == 0) {
      r = load_texture_memory(builder, tex->pcData, tex->mWidth, source, limits);
    } else {
      Image image;
      image.source = source;
      image.width = tex->mWidth;
      image.height = tex->mHeight;
      for (size_t i = 0; i < size_t(tex->mWidth) * tex->mHeight; ++i) {
        const aiTexel& t = tex->pcData[i];
        image.rgba.insert(image.rgba.end(), {t.r, t.g, t.b, t.a});
      }
      std::string hash = content_hash(image.rgba.data(), image.rgba.size());
      if (auto known = builder.find_image(hash)) r = *known;
      else r = builder.add_image(std::move(image), hash);
    }
  } else {
    std::replace(p.begin(), p.end(), '\\', '/');  // OBJ files written on Windows
    auto file = resolve_inside(roots, model_dir, p);
    if (!file) {
      Error e = bad_input(model.string(), "", "texture " + file.error().message);
      if (!options.skip_outside_textures) return e;
      r = e;
    } else {
      r = load_texture_file(builder, *file, limits);
    }
  }
  if (!r) {
    log.write(options.texture_problems, "texture skipped: " + r.error().to_string());
    return -1;
  }
  return *r;
}

// glTF materials are metallic-roughness already; OBJ/MTL Blinn-Phong values are converted:
// Kd -> base colour (MTL colours were authored for display, i.e. sRGB, so they are linearised),
// map_Kd -> texture (replacing Kd, as Sweet Home 3D shows it), d -> alpha, and Ns -> roughness
// by the usual Beckmann match r = sqrt(2 / (Ns + 2)), pushed towards rough when Ks is weak.
Result<Material> convert_material(WorldBuilder& builder, const aiScene* scene, const aiMaterial* am, bool gltf,
                                  const fs::path& model, const AllowedRoots& roots, const ImportOptions& options,
                                  Log& log) {
  Material m;
  aiString name;
  if (am->Get(AI_MATKEY_NAME, name) == AI_SUCCESS) m.name = name.C_Str();
  aiString tex;
  if (am->GetTexture(aiTextureType_BASE_COLOR, 0, &tex) != AI_SUCCESS || tex.length == 0)
    am->GetTexture(aiTextureType_DIFFUSE, 0, &tex);
  MEELOOP_ASSIGN_OR_RETURN(m.base_color_texture, texture_index(builder, scene, tex, model, roots, options, log));
  aiColor3D emissive(0, 0, 0);
  am->Get(AI_MATKEY_COLOR_EMISSIVE, emissive);
  if (gltf) {
    aiColor4D base(1, 1, 1, 1);
    if (am->Get(AI_MATKEY_BASE_COLOR, base) != AI_SUCCESS) am->Get(AI_MATKEY_COLOR_DIFFUSE, base);
    m.base_color = glm::vec4(base.r, base.g, base.b, base.a);
    am->Get(AI_MATKEY_METALLIC_FACTOR, m.metallic);
    am->Get(AI_MATKEY_ROUGHNESS_FACTOR, m.roughness);
    m.emissive = glm::vec3(emissive.r, emissive.g, emissive.b);
    int two = 0;
    if (am->Get(AI_MATKEY_TWOSIDED, two) == AI_SUCCESS) m.double_sided = two != 0;
  } else {
    aiColor3D kd(0.8f, 0.8f, 0.8f), ks(0, 0, 0);
    am->Get(AI_MATKEY_COLOR_DIFFUSE, kd);
    am->Get(AI_MATKEY_COLOR_SPECULAR, ks);
    float opacity = 1.0f, ns = 0.0f;
    am->Get(AI_MATKEY_OPACITY, opacity);
    am->Get(AI_MATKEY_SHININESS, ns);
    glm::vec3 colour = m.base_color_texture >= 0
                           ? glm::vec3(1.0f)
                           : glm::vec3(srgb_to_linear(kd.r), srgb_to_linear(kd.g), srgb_to_linear(kd.b));
    m.base_color = glm::vec4(colour, std::clamp(opacity, 0.0f, 1.0f));
    float specular = std::max({ks.r, ks.g, ks.b});
    float r = std::sqrt(2.0f / (std::max(ns, 0.0f) + 2.0f));
    float weight = std::clamp(specular * 2.0f, 0.0f, 1.0f);
    m.roughness = std::clamp(1.0f + (r - 1.0f) * weight, 0.05f, 1.0f);
    m.metallic = 0.0f;
    m.emissive = glm::vec3(srgb_to_linear(emissive.r), srgb_to_linear(emissive.g),
                           srgb_to_linear(emissive.b));
    // Catalog OBJs often mix winding orders and use open single surfaces (leaves, cloth).
    m.double_sided = true;
  }
  return m;
}


std::string options_text(const ImportOptions& o) {
  char buf[256];
  int n = std::snprintf(buf, sizeof buf, "u%.6g", double(o.unit_scale));
  if (o.rotation)
    for (int c = 0; c < 3; ++c)
      for (int r = 0; r < 3; ++r) n += std::snprintf(buf + n, sizeof buf - size_t(n), ",%.6g", double((*o.rotation)[c][r]));
  if (o.fit_size)
    n += std::snprintf(buf + n, sizeof buf - size_t(n), "|fit%.6g,%.6g,%.6g", double(o.fit_size->x),
                       double(o.fit_size->y), double(o.fit_size->z));
  if (o.simplify_above_triangles > 0)
    std::snprintf(buf + n, sizeof buf - size_t(n), "|s%zu,%.6g", o.simplify_above_triangles,
                  double(o.simplify_error));
  // An entry made while skipping outside textures must not answer an import that refuses them.
  return std::string(buf) + (o.skip_outside_textures ? "|skip-outside" : "");
}

// Adds a cached model's textures, materials and mesh to the builder; nullopt (and nothing
// added) when a texture it lists is outside the roots, so that a fresh import reports it.
std::optional<int> add_cached(WorldBuilder& builder, CachedModel cached, const std::string& key,
                              const AllowedRoots& roots, const ImportOptions& options, Log& log) {
  std::vector<fs::path> files;
  for (const std::string& file : cached.texture_files) {
    auto inside = resolve_inside(roots, fs::path(), file);
    if (!inside) return std::nullopt;
    files.push_back(*inside);
  }
  std::vector<int> images;
  for (const fs::path& file : files) {
    auto img = load_texture_file(builder, file, options.limits);
    if (!img) log.write(options.texture_problems, "texture skipped: " + img.error().to_string());
    images.push_back(img ? *img : -1);
  }
  std::vector<int> materials;
  for (Material m : cached.materials) {
    if (m.base_color_texture >= 0) m.base_color_texture = images[size_t(m.base_color_texture)];
    materials.push_back(builder.add_material(m));
  }
  for (Primitive& p : cached.mesh.primitives) p.material = materials[size_t(p.material)];
  return builder.add_mesh(key, std::move(cached.mesh));
}

// The imported mesh in cache form (local material and texture lists); nullopt when a texture
// is not a plain file (embedded in a .glb), which the cache cannot refer to.
std::optional<CachedModel> to_cached(const WorldBuilder& builder, const Mesh& mesh) {
  const World& w = builder.world();
  CachedModel c;
  c.mesh = mesh;
  std::vector<int> local_of(w.materials.size(), -1), tex_of(w.images.size(), -1);
  for (Primitive& p : c.mesh.primitives) {
    int& local = local_of[size_t(p.material)];
    if (local < 0) {
      Material m = w.materials[size_t(p.material)];
      if (m.base_color_texture >= 0) {
        int& t = tex_of[size_t(m.base_color_texture)];
        if (t < 0) {
          const std::string& file = w.images[size_t(m.base_color_texture)].source;
          std::error_code ec;
          if (!fs::is_regular_file(file, ec)) return std::nullopt;
          t = int(c.texture_files.size());
          c.texture_files.push_back(file);
        }
        m.base_color_texture = t;
      }
      local = int(c.materials.size());
      c.materials.push_back(m);
    }
    p.material = local;
  }
  return c;
}

}  // namespace

void apply_import_transform(Mesh& mesh, const ImportOptions& o) {
  glm::mat3 linear = glm::mat3(o.unit_scale);
  if (o.rotation) linear = *o.rotation * linear;
  for (Vertex& v : mesh.vertices) v.position = linear * v.position;
  glm::mat3 normal_m = glm::inverseTranspose(linear);
  compute_bounds(mesh);
  glm::vec3 scale(1.0f), offset(0.0f);
  if (o.fit_size) {
    glm::vec3 extent = mesh.bounds_max - mesh.bounds_min;
    for (int a = 0; a < 3; ++a) scale[a] = extent[a] > 1e-6f ? (*o.fit_size)[a] / extent[a] : 1.0f;
    glm::vec3 centre = 0.5f * (mesh.bounds_min + mesh.bounds_max);
    offset = -glm::vec3(centre.x, mesh.bounds_min.y, centre.z) * scale;
    glm::mat3 inv_scale(1.0f);  // inverse-transpose of the diagonal scale
    for (int a = 0; a < 3; ++a) inv_scale[a][a] = 1.0f / scale[a];
    normal_m = inv_scale * normal_m;
  }
  for (Vertex& v : mesh.vertices) {
    v.position = v.position * scale + offset;
    glm::vec3 n = normal_m * v.normal;
    float len = glm::length(n);
    v.normal = len > 1e-12f ? n / len : glm::vec3(0, 1, 0);
  }
  compute_bounds(mesh);
}

Result<int> import_model(WorldBuilder& builder, const fs::path& file, const std::string& key,
                         const ImportOptions& options, Log& log) {
  if (auto known = builder.find_mesh(key)) return *known;
  const std::string name = file.string();
  const std::string ext = lower_ext(file);
  const bool gltf = ext == ".gltf" || ext == ".glb";
  if (!gltf && ext != ".obj")
    return bad_input(name, "", "unsupported model format \"" + ext +
                                   "\" (expected .obj with .mtl, .gltf or .glb)");
  const AllowedRoots roots = options.roots.folders().empty()
                                ? AllowedRoots({file.parent_path().empty() ? fs::path(".") : file.parent_path()},
                                               "the model's folder")
                                : options.roots;
  if (auto inside = resolve_inside(roots, fs::path(), name); !inside)
    return bad_input(name, "", "model file " + inside.error().message);
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return bad_input(name, "", "model file not found");
  auto bytes = fs::file_size(file, ec);
  if (!ec && bytes > options.limits.max_file_bytes)
    return bad_input(name, "", "model file is " + std::to_string(bytes) + " bytes; at most " +
                                   std::to_string(options.limits.max_file_bytes) + " are allowed");

  const auto start = std::chrono::steady_clock::now();
  auto cache_file = mesh_cache_path(options.cache_dir, file, options_text(options));
  if (cache_file) {
    if (auto cached = read_mesh_cache(*cache_file)) {
      if (cached->mesh.indices.size() / 3 > options.limits.max_triangles)
        return bad_input(name, "", "model has " + std::to_string(cached->mesh.indices.size() / 3) +
                                       " triangles; at most " + std::to_string(options.limits.max_triangles) +
                                       " are allowed");
      if (auto mesh = add_cached(builder, std::move(*cached), key, roots, options, log)) return *mesh;
    }
  }
  // Every name the model writes is checked before anything it names is opened.
  ModelScan scan = scan_model_references(file, roots, options.limits.max_file_bytes);
  if (!scan.outside.empty()) return scan.outside.front();
  for (const Error& e : scan.outside_textures) {
    if (!options.skip_outside_textures) return e;
    log.write(options.texture_problems, "texture skipped: " + e.to_string());
  }
  if (gltf) {
    if (auto bad = check_glb_header(file, ec ? 0 : bytes)) return *bad;
    if (auto bad = check_gltf_mime_types(file)) return *bad;
  } else if (auto bad = check_mtl_files(scan.materials, options.limits.max_file_bytes)) {
    return *bad;
  }
  Assimp::Importer importer;
  auto* io = new ContainedIOSystem(roots);
  importer.SetIOHandler(io);  // the importer owns it
  importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE, aiPrimitiveType_POINT | aiPrimitiveType_LINE);
  // No aiProcess_ValidateDataStructure: it rejects catalog OBJs that mix lines into face
  // lists, which SortByPType below drops anyway; indices are range-checked when copied.
  const aiScene* scene = importer.ReadFile(name, 0);
  // Assimp's own message may quote the refused file's text, so it is not passed on then.
  if (io->refused()) {
    auto why = resolve_inside(roots, fs::path(), *io->refused());
    return bad_input(name, "", "the model names a file Meeloop may not open: " +
                                   (why ? "\"" + io->refused()->substr(0, 200) + "\" (for writing)" : why.error().message));
  }
  if (!scene || !scene->mRootNode)
    return bad_input(name, "", std::string("cannot read model: ") + importer.GetErrorString());
  if (count_nodes(scene->mRootNode, options.limits.max_nodes + 1) > options.limits.max_nodes)
    return bad_input(name, "", "model has more than " + std::to_string(options.limits.max_nodes) + " nodes; at most " +
                                   std::to_string(options.limits.max_nodes) + " are allowed");
  size_t faces = 0;
  for (unsigned i = 0; i < scene->mNumMeshes; ++i) faces += scene->mMeshes[i]->mNumFaces;
  if (faces > options.limits.max_triangles)
    return bad_input(name, "", "model has " + std::to_string(faces) + " faces; at most " +
                                   std::to_string(options.limits.max_triangles) + " are allowed");
  // Checked before post-processing so that an oversized file is refused cheaply.
  scene = importer.ApplyPostProcessing(aiProcess_Triangulate | aiProcess_JoinIdenticalVertices |
                                       aiProcess_GenSmoothNormals | aiProcess_PreTransformVertices |
                                       aiProcess_SortByPType | aiProcess_FlipUVs);
  if (!scene) return bad_input(name, "", std::string("cannot process model: ") + importer.GetErrorString());

  std::vector<int> material_map(scene->mNumMaterials, -1);
  Mesh mesh;
  mesh.source = name;
  for (unsigned mi = 0; mi < scene->mNumMeshes; ++mi) {
    const aiMesh* am = scene->mMeshes[mi];
    if (!(am->mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;
    if (am->mMaterialIndex >= material_map.size())
      return bad_input(name, "", "mesh " + std::to_string(mi) + " uses material " + std::to_string(am->mMaterialIndex) +
                                     ", but the model has " + std::to_string(material_map.size()) + " materials");
    int& mat = material_map[am->mMaterialIndex];
    if (mat < 0) {
      MEELOOP_ASSIGN_OR_RETURN(
          Material material,
          convert_material(builder, scene, scene->mMaterials[am->mMaterialIndex], gltf, file, roots, options, log));
      mat = builder.add_material(material);
    }
    auto base = uint32_t(mesh.vertices.size());
    for (unsigned v = 0; v < am->mNumVertices; ++v) {
      Vertex vx;
      vx.position = glm::vec3(am->mVertices[v].x, am->mVertices[v].y, am->mVertices[v].z);
      vx.normal = am->mNormals ? glm::vec3(am->mNormals[v].x, am->mNormals[v].y, am->mNormals[v].z)
                               : glm::vec3(0, 1, 0);
      vx.uv = am->mTextureCoords[0]
                  ? glm::vec2(am->mTextureCoords[0][v].x, am->mTextureCoords[0][v].y)
                  : glm::vec2(0.0f);
      mesh.vertices.push_back(vx);
    }
    Primitive prim;
    prim.first_index = uint32_t(mesh.indices.size());
    prim.material = mat;
    for (unsigned f = 0; f < am->mNumFaces; ++f) {
      const aiFace& face = am->mFaces[f];
      if (face.mNumIndices != 3 || face.mIndices[0] >= am->mNumVertices ||
          face.mIndices[1] >= am->mNumVertices || face.mIndices[2] >= am->mNumVertices)
        continue;
      for (int k = 0; k < 3; ++k) mesh.indices.push_back(base + face.mIndices[k]);
    }
    prim.index_count = uint32_t(mesh.indices.size()) - prim.first_index;
    if (prim.index_count > 0) mesh.primitives.push_back(prim);
  }
  if (mesh.indices.size() / 3 > options.limits.max_triangles)
    return bad_input(name, "", "model has " + std::to_string(mesh.indices.size() / 3) +
                                   " triangles; at most " + std::to_string(options.limits.max_triangles) +
                                   " are allowed");
  if (mesh.indices.empty()) return bad_input(name, "", "model contains no triangles");
  apply_import_transform(mesh, options);
  if (options.simplify_above_triangles > 0 && mesh.indices.size() / 3 > options.simplify_above_triangles)
    simplify_mesh(mesh, options.simplify_error);
  char buf[160];
  std::snprintf(buf, sizeof buf, ": %zu triangles, %zu primitives, %.0f ms",
                mesh.indices.size() / 3, mesh.primitives.size(),
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  log.debug("imported " + name + buf);
  if (cache_file)
    if (auto cached = to_cached(builder, mesh)) write_mesh_cache(*cache_file, *cached);
  return builder.add_mesh(key, std::move(mesh));
}

}  // namespace meeloop::scene
