#include "emporium/kernel/personal_data.hpp"

#include <algorithm>
#include <stdexcept>

namespace emporium::kernel {
namespace {

constexpr std::string_view kReserved[] = {"user_id", "exported_at"};

}  // namespace

void PersonalData::add_exporter(std::string section, Exporter exporter) {
  if (section.empty() || std::find(std::begin(kReserved), std::end(kReserved), section) != std::end(kReserved)) {
    throw std::logic_error("personal data section name '" + section + "' is reserved or empty");
  }
  auto same = [&](const auto& entry) { return entry.first == section; };
  if (std::any_of(exporters_.begin(), exporters_.end(), same)) {
    throw std::logic_error("personal data section '" + section + "' is registered twice");
  }
  exporters_.emplace_back(std::move(section), std::move(exporter));
}

boost::json::object PersonalData::export_user(const std::string& user_id, std::string_view exported_at) const {
  boost::json::object out;
  out["user_id"] = user_id;
  out["exported_at"] = exported_at;
  for (const auto& [section, exporter] : exporters_) out[section] = exporter(user_id);
  return out;
}

std::vector<std::string> PersonalData::sections() const {
  std::vector<std::string> names;
  for (const auto& entry : exporters_) names.push_back(entry.first);
  return names;
}

}  // namespace emporium::kernel
