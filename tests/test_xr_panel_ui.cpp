// The headset's in-world panel without a GPU: xr::PanelUi (the dialogue's Dear ImGui drawing on
// a fixed canvas) driven by a pointer the way the player drives it from a controller ray.
#include <catch2/catch.hpp>

#include <glm/gtc/matrix_transform.hpp>

#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"
#include "xr/panel.h"
#include "test_settings.h"
#include "xr/panel_ui.h"

using namespace meeloop;

namespace {

scenario::Scenario tiny() {
  scenario::LoadOptions o;
  o.dimensions = {"affinity_pg", "affinity_somatic", "affinity_homecare", "affinity_rehab",
                  "teamwork", "improvisation", "autonomy_dignity", "safety_hygiene",
                  "communication", "noticing_reporting", "daring_to_ask", "guidance_need"};
  auto sc = scenario::load_scenario(std::filesystem::path(MEELOOP_SOURCE_DIR) / "tests/data/scenarios/tiny", o);
  if (!sc) FAIL(sc.error().to_string());
  return std::move(sc).value();
}

std::unique_ptr<xr::PanelUi> panel(const std::string& lang = "nl") {
  auto ui = xr::PanelUi::create(lang, test::settings().paths);
  if (!ui) FAIL(ui.error().to_string());
  return std::move(ui).value();
}

struct Played {
  std::optional<ui::DialogueAction> on_press, on_release;
};

// Hover, pull the trigger, let go: what the player does over three frames.
Played click(xr::PanelUi& ui, const scenario::Runtime& rt, std::optional<glm::vec2> at) {
  ui.frame(rt, at, false, 0.1);
  Played p;
  p.on_press = ui.frame(rt, at, true, 0.1);
  p.on_release = ui.frame(rt, at, false, 0.1);
  return p;
}

const xr::PanelRow* find_row(const xr::PanelUi& ui, ui::DialogueAction::Kind kind, const std::string& id = {}) {
  for (const auto& r : ui.rows())
    if (r.action.kind == kind && r.action.id == id) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("xr panel: pointing at an option row and pulling the trigger chooses that option", "[xr][panel]") {
  const scenario::Scenario sc = tiny();
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  auto ui = panel();
  ui->frame(rt, std::nullopt, false, 0.1);
  // One row per option (choices and interactions) plus the supervisor, in drawing order.
  const auto ids = rt.option_ids();
  REQUIRE(ui->rows().size() == ids.size() + 1);
  for (size_t i = 0; i < ids.size(); ++i) {
    CHECK(ui->rows()[i].action.kind == ui::DialogueAction::Kind::Choose);
    CHECK(ui->rows()[i].action.id == ids[i]);
  }
  CHECK(ui->rows().back().action.kind == ui::DialogueAction::Kind::AskSupervisor);
  // Rows are stacked top to bottom without overlapping.
  for (size_t i = 1; i < ui->rows().size(); ++i) CHECK(ui->rows()[i].min.y >= ui->rows()[i - 1].max.y);

  const xr::PanelRow second = ui->rows().at(1);
  CHECK(ui->row_at(second.centre()) == 1);
  const Played p = click(*ui, rt, second.centre());
  CHECK_FALSE(p.on_press);  // a click completes when the trigger is let go (next frame)
  REQUIRE(p.on_release);
  CHECK(p.on_release->kind == ui::DialogueAction::Kind::Choose);
  CHECK(p.on_release->id == ids[1]);
}

TEST_CASE("xr panel: pointing at \"ask the work supervisor\" asks, and the answer appears above the options", "[xr][panel]") {
  const scenario::Scenario sc = tiny();
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  auto ui = panel();
  ui->frame(rt, std::nullopt, false, 0.1);
  const xr::PanelRow* ask = find_row(*ui, ui::DialogueAction::Kind::AskSupervisor);
  REQUIRE(ask);
  const float first_option_y = ui->rows().front().min.y;
  const Played p = click(*ui, rt, ask->centre());
  REQUIRE(p.on_release);
  CHECK(p.on_release->kind == ui::DialogueAction::Kind::AskSupervisor);
  REQUIRE(ui::apply_dialogue_action(rt, *p.on_release, ui->state()));
  CHECK_FALSE(ui->state().supervisor_answer.empty());
  ui->frame(rt, std::nullopt, false, 0.1);
  CHECK(ui->rows().front().min.y > first_option_y);  // pushed down by the answer
}

TEST_CASE("xr panel: pulling the trigger off the rows chooses nothing", "[xr][panel]") {
  const scenario::Scenario sc = tiny();
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  auto ui = panel();
  ui->frame(rt, std::nullopt, false, 0.1);
  const xr::PanelCanvas& c = ui->canvas();
  // The top-left corner (the text block's margin), the right of a button, off the panel.
  const xr::PanelRow* ask = find_row(*ui, ui::DialogueAction::Kind::AskSupervisor);
  REQUIRE(ask);
  for (std::optional<glm::vec2> at : {std::optional<glm::vec2>(glm::vec2(4.0f, 4.0f)),
                                      std::optional<glm::vec2>(glm::vec2(float(c.width) - 4.0f, ask->centre().y)),
                                      std::optional<glm::vec2>()}) {
    if (at) CHECK(ui->row_at(*at) == -1);
    const Played p = click(*ui, rt, at);
    CHECK_FALSE(p.on_press);
    CHECK_FALSE(p.on_release);
  }
}

TEST_CASE("xr panel: a long option wraps onto more lines and every row stays on the canvas", "[xr][panel]") {
  scenario::Scenario sc = tiny();
  // A key without a text shows as itself: a long sentence of a trainer's.
  std::string longest;
  for (int i = 0; i < 6; ++i) longest += "Ik vraag mevrouw eerst rustig of ze klaar is om te beginnen, en wacht op haar antwoord. ";
  sc.steps.front().choices.front().text = longest;
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  auto ui = panel();
  for (int i = 0; i < 4; ++i) ui->frame(rt, std::nullopt, false, 0.1);  // the text settles at its size
  const xr::PanelCanvas& c = ui->canvas();
  const auto& rows = ui->rows();
  REQUIRE(rows.size() >= 3);
  const float line = c.font_pixels * ui->text_scale();
  CHECK(rows[0].max.y - rows[0].min.y > 4.0f * line);  // wrapped, not cut off at one line
  CHECK(rows[1].max.y - rows[1].min.y < 2.0f * line);
  for (const auto& r : rows) {
    INFO("row " << r.action.id << " at " << r.min.x << "," << r.min.y << " - " << r.max.x << "," << r.max.y);
    CHECK(r.min.x >= 0.0f);
    CHECK(r.min.y >= 0.0f);
    CHECK(r.max.x <= float(c.width));
    CHECK(r.max.y <= float(c.height));
  }
  // The long row still answers a click.
  const Played p = click(*ui, rt, rows[0].centre());
  REQUIRE(p.on_release);
  CHECK(p.on_release->id == rt.option_ids().front());
}

TEST_CASE("xr panel: the panel is redrawn only when what it shows changes", "[xr][panel]") {
  const scenario::Scenario sc = tiny();
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  auto ui = panel();
  ui->frame(rt, std::nullopt, false, 0.1);
  const uint64_t idle = ui->drawn_hash();
  ui->frame(rt, std::nullopt, false, 0.1);
  CHECK(ui->drawn_hash() == idle);
  ui->frame(rt, ui->rows().front().centre(), false, 0.1);  // hover highlights the row
  CHECK(ui->drawn_hash() != idle);
}

TEST_CASE("xr panel: at an ending the panel offers \"continue\"", "[xr][panel]") {
  const scenario::Scenario sc = tiny();
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  REQUIRE(rt.choose("knock"));
  REQUIRE(rt.choose(rt.option_ids().front()));
  REQUIRE(rt.finished());
  auto ui = panel("en");
  ui->frame(rt, std::nullopt, false, 0.1);
  const xr::PanelRow* cont = find_row(*ui, ui::DialogueAction::Kind::Continue);
  REQUIRE(cont);
  const Played p = click(*ui, rt, cont->centre());
  REQUIRE(p.on_release);
  CHECK(p.on_release->kind == ui::DialogueAction::Kind::Continue);
}

TEST_CASE("xr panel: canvas pixels and panel metres map onto each other and a ray finds its pixel", "[xr][panel]") {
  const xr::PanelCanvas c;
  CHECK(c.size_m().x == Approx(1.0f));
  const glm::vec2 tl = c.to_panel({0.0f, 0.0f});
  CHECK(tl.x == Approx(-0.5f));
  CHECK(tl.y == Approx(c.size_m().y * 0.5f));
  const glm::vec2 px{300.0f, 500.0f};
  const glm::vec2 back = c.to_canvas(c.to_panel(px));
  CHECK(back.x == Approx(px.x));
  CHECK(back.y == Approx(px.y));
  // The panel 0.9 m in front of a head at 1.6 m; a ray from the head at a pixel hits that pixel.
  const glm::mat4 m = xr::place_panel({0.0f, 1.6f, 0.0f}, 0.0f);
  const glm::vec2 p = c.to_panel(px);
  const glm::vec3 target = glm::vec3(m * glm::vec4(p, 0.0f, 1.0f));
  const glm::vec3 head{0.0f, 1.6f, 0.0f};
  const auto hit = xr::hit_panel(c.size_m(), m, head, target - head);
  REQUIRE(hit);
  CHECK(c.to_canvas(hit->point).x == Approx(px.x).margin(0.01));
  CHECK(c.to_canvas(hit->point).y == Approx(px.y).margin(0.01));
  CHECK_FALSE(xr::hit_panel(c.size_m(), m, head, glm::vec3(0, 0, 1)));   // looking away
  CHECK_FALSE(xr::hit_panel(c.size_m(), m, head, glm::vec3(1, 0, -0.1f)));  // beside the panel
}
