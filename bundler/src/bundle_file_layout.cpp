#include "bundle_file_layout.h"

namespace aokit::bundle {

namespace {
// `do local X = package.aokit|package.preload …` — the blocks the bundler writes
bool IsBundleBlock(const Node* s) {
  if (s->kind != Kind::Do || s->body.empty()) return false;
  const Node* first = s->body[0];
  if (first->kind != Kind::Local || first->list.empty()) return false;
  const Node* v = first->list[0];
  return v->kind == Kind::Index && v->a->kind == Kind::Name && v->a->str == "package" && v->b->kind == Kind::String &&
         (v->b->str == "aokit" || v->b->str == "preload");
}
}  // namespace

std::size_t EntryStart(const Chunk& chunk) {
  std::size_t i = 0;
  while (i < chunk.body.size() && i < 2 && IsBundleBlock(chunk.body[i])) ++i;
  return i;
}

std::vector<Registration> FindRegistrations(const Chunk& chunk) {
  std::vector<Registration> out;
  for (std::size_t i = 0; i < EntryStart(chunk); ++i) {
    for (const Node* s : chunk.body[i]->body) {
      if (s->kind != Kind::CallStat || s->a->kind != Kind::Call) continue;
      const Node& call = *s->a;
      if (call.a->kind != Kind::Name || call.list.size() != 3) continue;
      if (call.list[0]->kind != Kind::String || call.list[1]->kind != Kind::String) continue;
      const Node* body = call.list[2];
      if (body->kind != Kind::Function && body->kind != Kind::String) continue;
      out.push_back({call.list[0]->str, call.list[1]->str, body});
    }
  }
  return out;
}

const Node* DebugEntrySource(const Chunk& chunk) {
  if (chunk.body.empty()) return nullptr;
  const Node* r = chunk.body.back();
  // return assert(load(SRC, NAME))(...)
  if (r->kind != Kind::Return || r->list.size() != 1 || r->list[0]->kind != Kind::Call) return nullptr;
  const Node* assert_call = r->list[0]->a;
  if (assert_call->kind != Kind::Call || assert_call->list.size() != 1) return nullptr;
  const Node* load_call = assert_call->list[0];
  if (load_call->kind != Kind::Call || load_call->list.empty() || load_call->list[0]->kind != Kind::String) return nullptr;
  return load_call->list[0];
}

}  // namespace aokit::bundle
