#include "emporium/kernel/json_response.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>

namespace emporium::kernel {
namespace {

void write_json(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& field : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(field.key());
        out += ':';
        write_json(out, field.value());
      }
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        write_json(out, element);
      }
      out += ']';
      return;
    }
    case boost::json::kind::double_: {
      char buffer[32];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value.get_double());
      if (ec == std::errc()) {
        out.append(buffer, end);
        return;
      }
      break;
    }
    default:
      break;
  }
  out += boost::json::serialize(value);
}

}  // namespace

std::string to_json_text(const boost::json::value& value) {
  std::string out;
  write_json(out, value);
  return out;
}

http::Response json_response(int status, const boost::json::value& body) {
  return http::Response::json(status, to_json_text(body));
}

http::Response list_response(std::int64_t total, std::int64_t page, std::int64_t per_page, boost::json::array results) {
  return json_response(200, boost::json::object{
                                {"total", total}, {"page", page}, {"per_page", per_page}, {"results", std::move(results)}});
}

}  // namespace emporium::kernel
