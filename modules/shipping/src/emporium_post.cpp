#include "emporium_post.hpp"

#include <random>

#include "label_pdf.hpp"
#include "rate_selection.hpp"
#include "tracking_number.hpp"

namespace emporium::shipping {

std::optional<std::int64_t> EmporiumPost::price(const ServiceRate& rate, const Parcel& parcel) const {
  return table_price(rate, parcel.weight_grams);
}

std::string EmporiumPost::create_shipment(const LabelData&) {
  // Uniqueness is the database's (a UNIQUE tracking_number; the caller retries
  // a collision); unpredictability keeps numbers from being enumerated.
  thread_local std::random_device random;
  std::uniform_int_distribution<int> digit(0, 9);
  std::string digits;
  for (int i = 0; i < 12; ++i) digits.push_back(static_cast<char>('0' + digit(random)));
  return tracking_number_from(digits);
}

std::string EmporiumPost::label_pdf(const LabelData& label, bool compress) const {
  return render_label_pdf(label, compress);
}

}  // namespace emporium::shipping
