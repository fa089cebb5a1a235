// `meeloop play --desktop` under Xvfb, driven by --input-script: screenshots compared with
// references, a keyboard-only visitor whose events land in the database, a visitor who says
// no to consent, and hot reload keeping the current step. The window's ImGui renderer also
// draws offscreen, without a window.
#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <fstream>
#include <thread>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "desktop/imgui_renderer.h"
#include "desktop/input_script.h"
#include "gpu/buffer.h"
#include "gpu/commands.h"
#include "gpu/context.h"
#include "gpu/image.h"
#include "profile/dimensions.h"
#include "render/readback.h"
#include "render/rgba_image.h"
#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"
#include "store/event_store.h"
#include "test_desktop_util.h"
#include "test_settings.h"

using namespace meeloop;
using namespace meeloop::test;
namespace fs = std::filesystem;

namespace {

#define REQUIRE_XVFB()                                                                 \
  if (!xvfb_available()) {                                                             \
    WARN("xvfb-run is missing (Debian: xvfb xauth): desktop window test skipped");     \
    return;                                                                            \
  }

bool has(const Run& r, const std::string& part) { return r.out.find(part) != std::string::npos; }

scenario::Scenario load(const fs::path& dir) {
  scenario::LoadOptions opt;
  opt.dimensions = profile::known_dimension_ids(
      profile::default_dimensions_path(test::settings().paths.data_root)).value();
  auto sc = scenario::load_scenario(dir, opt);
  REQUIRE(sc);
  return std::move(*sc);
}

// The visitor who always takes the first option, played headless to know what to expect.
struct Path {
  std::vector<std::pair<std::string, std::string>> events;  // kind, item
  std::vector<std::string> steps;                            // step shown before each decision
};
Path first_option_path(const scenario::Scenario& sc) {
  Path p;
  scenario::Runtime rt(sc, [&](store::Event& e) -> Status {
    p.events.emplace_back(e.kind, e.item_id);
    return Ok{};
  });
  for (int guard = 0; !rt.finished() && guard < 100; ++guard) {
    p.steps.push_back(rt.step()->id);
    REQUIRE(rt.choose(rt.options().front().id));
  }
  REQUIRE(rt.finished());
  return p;
}

void write(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Keys that take the first option `n` times, a moment between steps for the frame to show it.
std::string first_options(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += "key 1\nwait 0.2\nkey Enter\nwait 0.5\n";
  return s;
}

}  // namespace

TEST_CASE("desktop: an input script with a bad line stops with exit 2 naming file:line", "[desktop]") {
  TempDir dir;
  const fs::path script = dir.path / "visitor.txt";
  write(script, "wait 0.5\nkey Enter\nkey Kaas\nquit\n");
  auto parsed = desktop::read_input_script(script);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().to_string().find(script.string() + ":3:") == 0);
  CHECK(parsed.error().message.find("Kaas") != std::string::npos);

  for (const char* bad : {"wait soon", "click 10", "resize 10 10", "screenshot shot.jpg", "dance", "text", "quit now"}) {
    write(script, std::string("# comment\n\n") + bad + "\n");
    auto r = desktop::read_input_script(script);
    INFO(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().exit_code() == 2);
    CHECK(r.error().location == "3");
  }

  write(script, "wait 0.5\nkey F3\ntext 1234 é\nclick 10 20\nrclick 1 2\nscreenshot a/b.png\nquit\n");
  auto good = desktop::read_input_script(script);
  REQUIRE(good);
  CHECK(good->actions.size() == 7);

  // The command checks the script before it opens a window or a database.
  write(script, "wait 0.5\nkey Kaas\n");
  Run r = run_plain("play " + (source_dir() / "scenes" / "huiskamer").string() + " --desktop --consent no " +
                    "--input-script " + script.string());
  INFO(r.out);
  CHECK(r.code == 2);
  CHECK(has(r, script.string() + ":2:"));
}

TEST_CASE("desktop play: a keyboard-only visitor reaches an ending and every event is stored", "[desktop][xvfb]") {
  REQUIRE_XVFB();
  TempDir dir;
  const fs::path scene = source_dir() / "scenes" / "huiskamer";
  const Path expected = first_option_path(load(scene));
  const fs::path db = dir.path / "m.db", script = dir.path / "visitor.txt";
  const fs::path dialogue = dir.path / "dialogue.png", ending = dir.path / "ending.png";
  write(script, "wait 2\n" + first_options(1) + "wait 1\nscreenshot " + dialogue.string() + "\n" +
                    first_options(expected.steps.size() - 1) + "wait 1\nscreenshot " + ending.string() +
                    "\nkey Enter\nwait 2\nquit\n");
  Run r = run_windowed("play " + scene.string() + " --desktop --participant MEE-7KQ2-XDA --consent yes --lang nl " +
                       "--db " + db.string() + " --size 1280x720 --input-script " + script.string());
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(has(r, "stopped at ending"));
  CHECK_FALSE(has(r, "Validation"));
  check_golden(dialogue, "desktop_huiskamer_dialogue.png");
  check_golden(ending, "desktop_huiskamer_ending.png");

  Log log(LogLevel::Off);
  auto store = store::EventStore::open(db, log);
  REQUIRE(store);
  auto events = store.value()->events_for_participant("MEE-7KQ2-XDA");
  REQUIRE(events);
  REQUIRE(events->size() == expected.events.size());
  for (size_t i = 0; i < events->size(); ++i) {
    INFO("event " << i);
    CHECK(events.value()[i].kind == expected.events[i].first);
    CHECK(events.value()[i].item_id == expected.events[i].second);
  }
}

TEST_CASE("desktop play: a visitor who says no to consent leaves no participant record", "[desktop][xvfb]") {
  REQUIRE_XVFB();
  TempDir dir;
  const fs::path scene = source_dir() / "scenes" / "huiskamer";
  const Path expected = first_option_path(load(scene));
  const fs::path db = dir.path / "m.db", script = dir.path / "visitor.txt";
  // Halfway the window is resized: the swapchain and the 3D image follow.
  const fs::path resized = dir.path / "resized.png";
  write(script, "wait 2\n" + first_options(2) + "resize 800 500\nwait 1.5\nscreenshot " + resized.string() + "\n" +
                    first_options(expected.steps.size() - 2) + "wait 1\nkey Enter\nwait 1\nquit\n");
  Run r = run_windowed("play " + scene.string() + " --desktop --consent no --db " + db.string() +
                       " --size 960x600 --input-script " + script.string());
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(has(r, "stopped at ending"));
  CHECK(has(r, "nothing was stored"));
  auto shot = render::read_png(resized);
  REQUIRE(shot);
  CHECK(shot->width == 800);
  CHECK(shot->height == 500);
  CHECK(render::luma_variance(*shot) > 100.0);
  if (fs::exists(db)) {
    Log log(LogLevel::Off);
    auto store = store::EventStore::open(db, log);
    REQUIRE(store);
    CHECK(store.value()->participants()->empty());
  }
}

TEST_CASE("desktop play: editing scene.json or a locale file reloads and keeps the step", "[desktop][xvfb]") {
  REQUIRE_XVFB();
  TempDir dir;
  const fs::path scene = dir.path / "huiskamer";
  fs::copy(source_dir() / "scenes" / "huiskamer", scene, fs::copy_options::recursive);
  const scenario::Scenario sc = load(scene);
  const Path expected = first_option_path(sc);
  REQUIRE(expected.steps.size() >= 3);
  const std::string second = expected.steps[1];
  const fs::path script = dir.path / "visitor.txt";
  const fs::path before = dir.path / "before.png", broken = dir.path / "broken.png", after = dir.path / "after.png";
  write(script, "wait 2\n" + first_options(1) + "wait 1\nscreenshot " + before.string() + "\nwait 8\nscreenshot " +
                    broken.string() + "\nwait 10\nscreenshot " + after.string() + "\nquit\n");

  Run r;
  std::thread player([&] {
    r = run_windowed("play " + scene.string() + " --desktop --consent no --size 960x600 --input-script " +
                     script.string());
  });
  auto wait_for = [&](const fs::path& f) {
    for (int i = 0; i < 2400 && !fs::exists(f); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the PNG is being written
    return fs::exists(f);
  };
  const std::string good_json = read(scene / "scene.json");
  bool saw_before = wait_for(before);
  if (saw_before) write(scene / "scene.json", good_json.substr(0, good_json.size() / 2));  // broken
  bool saw_broken = saw_before && wait_for(broken);
  if (saw_broken) {
    write(scene / "scene.json", good_json);
    // A visible change: the first line of the current step gets a marker.
    const std::string key = sc.find_step(second)->lines.empty() ? sc.find_step(second)->prompt
                                                                 : sc.find_step(second)->lines.front().text;
    auto nl = nlohmann::json::parse(read(scene / "locale" / "nl.json"));
    nl[key] = "GEWIJZIGD: " + nl[key].get<std::string>();
    write(scene / "locale" / "nl.json", nl.dump(2));
  }
  player.join();
  INFO(r.out);
  REQUIRE(saw_before);
  REQUIRE(saw_broken);
  REQUIRE(r.code == 0);
  CHECK(has(r, "reload failed, keeping the old scene"));
  CHECK(has(r, "scene.json"));
  CHECK(has(r, "reloaded; was at step " + second + ", now at step " + second));
  auto a = render::read_png(before), b = render::read_png(after), c = render::read_png(broken);
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(render::compare_images(*a, *b)->max_abs > 0);  // the changed line shows
}

TEST_CASE("desktop: an ImGui clip rectangle becomes a scissor inside the image, empty when outside", "[desktop]") {
  const float origin[2] = {0, 0}, one[2] = {1, 1}, two[2] = {2, 2};
  const VkExtent2D image{100, 50};
  const float inside[4] = {10, 5, 30, 25};
  VkRect2D r = desktop::imgui_scissor(inside, origin, one, image);
  CHECK(r.offset.x == 10);
  CHECK(r.offset.y == 5);
  CHECK(r.extent.width == 20);
  CHECK(r.extent.height == 20);
  r = desktop::imgui_scissor(inside, origin, two, image);  // a display scaled to twice the pixels
  CHECK(r.offset.x == 20);
  CHECK(r.extent.width == 40);
  CHECK(r.extent.height == 40);
  const float shifted[2] = {10, 5};  // ImGui's display starting at 10,5
  r = desktop::imgui_scissor(inside, shifted, one, image);
  CHECK(r.offset.x == 0);
  CHECK(r.offset.y == 0);
  const float overhanging[4] = {-20, -10, 500, 500};  // kept inside the image
  r = desktop::imgui_scissor(overhanging, origin, one, image);
  CHECK(r.offset.x == 0);
  CHECK(r.offset.y == 0);
  CHECK(r.extent.width == 100);
  CHECK(r.extent.height == 50);
  const float outside[4] = {120, 0, 140, 20};
  CHECK(desktop::imgui_scissor(outside, origin, one, image).extent.width == 0);
}

namespace {
struct ImGuiContextGuard {
  ImGuiContext* context = ImGui::CreateContext();
  ~ImGuiContextGuard() { ImGui::DestroyContext(context); }
};
}  // namespace

TEST_CASE("desktop: the window's ImGui renderer draws ImGui's colour bytes unconverted, clipped to its clip rectangle",
          "[desktop]") {
  Log log{LogLevel::Warn};
  auto ctx = gpu::create_context(log, gpu::context_config(test::settings()));
  REQUIRE(ctx);
  const gpu::Device& dev = (*ctx)->device();
  ImGuiContextGuard guard;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(64, 32);
  constexpr uint32_t w = 64, h = 32;
  auto readback = gpu::create_buffer(dev, w * h * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, gpu::MemoryUse::Readback,
                                     "imgui test readback");
  const gpu::ImageDesc desc{.format = VK_FORMAT_R8G8B8A8_UNORM,
                            .width = w,
                            .height = h,
                            .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT};
  gpu::Image target = gpu::create_image(dev, desc, "imgui test target");
  desktop::ImGuiRenderer renderer(dev, VK_FORMAT_R8G8B8A8_UNORM, "imgui test");
  renderer.upload_fonts();  // ImGui's default font
  CHECK(io.BackendFlags & ImGuiBackendFlags_RendererHasVtxOffset);

  ImGui::NewFrame();
  ImDrawList* list = ImGui::GetForegroundDrawList();
  list->PushClipRect(ImVec2(0, 0), ImVec2(32, 32));
  list->AddRectFilled(ImVec2(0, 0), ImVec2(64, 32), IM_COL32(200, 100, 50, 255));  // right half clipped
  list->PopClipRect();
  ImGui::Render();

  gpu::run_once(dev, [&](VkCommandBuffer cmd) {
    desktop::imgui_target_barrier(cmd, target.image, VK_IMAGE_LAYOUT_UNDEFINED, VK_PIPELINE_STAGE_2_NONE,
                                  VK_ACCESS_2_NONE);
    // Cleared to a colour no draw makes, so a clear that did not happen shows.
    renderer.record_pass(cmd, target.view, {w, h}, VkClearColorValue{{0.0f, 0.2f, 0.4f, 1.0f}},
                         ImGui::GetDrawData());
    render::record_readback(cmd, target.image, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, {w, h}, 0, readback.buffer);
  });
  const auto* px = static_cast<const uint8_t*>(readback.mapped);
  auto at = [&](uint32_t x, uint32_t y) {
    const uint8_t* p = px + (size_t(y) * w + x) * 4;
    return std::array<int, 3>{p[0], p[1], p[2]};
  };
  // The bytes ImGui was given, not decoded or encoded on the way (the window is UNORM).
  CHECK(at(1, 1) == std::array<int, 3>{200, 100, 50});
  CHECK(at(31, 30) == std::array<int, 3>{200, 100, 50});
  CHECK(at(32, 1) == std::array<int, 3>{0, 51, 102});
  CHECK(at(63, 30) == std::array<int, 3>{0, 51, 102});
  CHECK((*ctx)->validation_errors() == 0);
}
