#pragma once
// The JSON Web Key Set (RFC 7517, OKP keys of RFC 8037) that lets another
// service verify access tokens with public keys only.
#include <boost/json/object.hpp>

#include <vector>

#include "jwt.hpp"

namespace emporium::user {

// {"keys": [{"kty":"OKP","crv":"Ed25519","x","kid","alg":"EdDSA","use":"sig"}, ...]}
boost::json::object jwks_document(const std::vector<VerificationKey>& keys);

}  // namespace emporium::user
