#include "jwks.hpp"

#include <boost/json/array.hpp>

#include "encoding.hpp"

namespace emporium::user {

boost::json::object jwks_document(const std::vector<VerificationKey>& keys) {
  boost::json::array out;
  for (const auto& key : keys) {
    std::string_view bytes(reinterpret_cast<const char*>(key.public_key.data()), key.public_key.size());
    out.push_back(boost::json::object{{"kty", "OKP"},
                                      {"crv", "Ed25519"},
                                      {"x", base64url_encode(bytes)},
                                      {"kid", key.kid},
                                      {"alg", kAlgorithm},
                                      {"use", "sig"}});
  }
  return {{"keys", std::move(out)}};
}

}  // namespace emporium::user
