#pragma once
// Pure template rendering: `{{variable}}` substitution, HTML-escaped in HTML
// bodies. A reference to a variable that is not given is an error naming it.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace emporium::notification {

using TemplateData = std::map<std::string, std::string, std::less<>>;

struct Template {
  std::string key;
  std::string subject;
  std::string text_body;
  std::string html_body;
  std::string updated_at;
};

struct Rendered {
  std::string subject;
  std::string text_body;
  std::string html_body;
};

std::string html_escape(std::string_view text);

// Variable names referred to in `text`, in order of first appearance
// (whitespace inside the braces is ignored: `{{ name }}` is `name`).
std::vector<std::string> variables_in(std::string_view text);

// The first variable of `text` not in `data`, if any.
std::optional<std::string> missing_variable(std::string_view text, const TemplateData& data);

// Substitutes every variable; call missing_variable first (an absent one renders empty).
std::string substitute(std::string_view text, const TemplateData& data, bool html);

// All three parts, or the name of the first variable `data` lacks.
struct RenderError {
  std::string variable;
};
std::optional<RenderError> render(const Template& t, const TemplateData& data, Rendered& out);

// The variables the notification of `key` carries; nullopt for an unknown key.
std::optional<std::set<std::string>> known_variables(std::string_view key);

// The variables of `t` not among the known ones of its key, in order.
std::vector<std::string> unknown_variables(const Template& t);

}  // namespace emporium::notification
