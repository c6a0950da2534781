#pragma once
// The user module's sections of the GDPR export: "profile" and "addresses".
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/personal_data.hpp"

namespace emporium::user {

void add_personal_data_exporters(kernel::PersonalData& personal_data, kernel::Database& db);

}  // namespace emporium::user
