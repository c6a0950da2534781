#include "emporium/kernel/json_response.hpp"

#include <boost/json/serialize.hpp>

namespace emporium::kernel {

http::Response json_response(int status, const boost::json::value& body) {
  return http::Response::json(status, boost::json::serialize(body));
}

http::Response list_response(std::int64_t total, std::int64_t page, std::int64_t per_page, boost::json::array results) {
  return json_response(200, boost::json::object{
                                {"total", total}, {"page", page}, {"per_page", per_page}, {"results", std::move(results)}});
}

}  // namespace emporium::kernel
