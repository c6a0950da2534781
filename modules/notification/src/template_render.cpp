#include "template_render.hpp"

#include <algorithm>

namespace emporium::notification {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Calls on_text(piece) for literal text and on_variable(name) for each `{{name}}`.
template <class Text, class Variable>
void scan(std::string_view text, Text on_text, Variable on_variable) {
  std::size_t at = 0;
  while (at < text.size()) {
    auto open = text.find("{{", at);
    if (open == std::string_view::npos) break;
    auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    on_text(text.substr(at, open - at));
    auto name = trim(text.substr(open + 2, close - open - 2));
    if (name.empty()) on_text(text.substr(open, close + 2 - open)); else on_variable(name);
    at = close + 2;
  }
  on_text(text.substr(at));
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::vector<std::string> variables_in(std::string_view text) {
  std::vector<std::string> names;
  scan(text, [](std::string_view) {}, [&](std::string_view name) {
    for (const auto& known : names) if (known == name) return;
    names.emplace_back(name);
  });
  return names;
}

std::optional<std::string> missing_variable(std::string_view text, const TemplateData& data) {
  for (const auto& name : variables_in(text)) {
    if (data.find(name) == data.end()) return name;
  }
  return std::nullopt;
}

std::string substitute(std::string_view text, const TemplateData& data, bool html) {
  std::string out;
  scan(text, [&](std::string_view piece) { out += piece; }, [&](std::string_view name) {
    auto found = data.find(name);
    if (found == data.end()) return;
    out += html ? html_escape(found->second) : found->second;
  });
  return out;
}

std::optional<RenderError> render(const Template& t, const TemplateData& data, Rendered& out) {
  for (const auto* part : {&t.subject, &t.text_body, &t.html_body}) {
    if (auto missing = missing_variable(*part, data)) return RenderError{*missing};
  }
  out.subject = substitute(t.subject, data, false);
  out.text_body = substitute(t.text_body, data, false);
  out.html_body = substitute(t.html_body, data, true);
  return std::nullopt;
}

std::optional<std::set<std::string>> known_variables(std::string_view key) {
  // Every notification knows whom it addresses.
  std::set<std::string> base{"name", "email"};
  auto with = [&](std::initializer_list<const char*> more) {
    auto all = base;
    for (const char* name : more) all.insert(name);
    return all;
  };
  if (key == "welcome") return base;
  if (key == "password_reset") return with({"reset_token", "expires_at"});
  if (key == "order_confirmation") return with({"order_id", "total"});
  if (key == "payment_receipt" || key == "refund") return with({"order_id", "amount"});
  if (key == "shipment") return with({"order_id", "tracking_number"});
  if (key == "cancellation") return with({"order_id"});
  if (key == "low_stock") return with({"product_id", "variant_id", "available", "threshold"});
  return std::nullopt;
}

std::vector<std::string> unknown_variables(const Template& t) {
  std::vector<std::string> unknown;
  auto known = known_variables(t.key).value_or(std::set<std::string>{});
  for (const auto* part : {&t.subject, &t.text_body, &t.html_body}) {
    for (const auto& name : variables_in(*part)) {
      if (known.count(name) == 0 && std::find(unknown.begin(), unknown.end(), name) == unknown.end()) {
        unknown.push_back(name);
      }
    }
  }
  return unknown;
}

}  // namespace emporium::notification
