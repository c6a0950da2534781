// Field rules of accounts.
#include <doctest/doctest.h>

#include "user/src/account_rules.hpp"

using namespace emporium::user;

TEST_CASE("email accepts ordinary addresses") {
  for (const char* email : {"ann@example.com", "Ann.Lee+shop@mail.example.co.uk", "a_b-c@x-y.io", "o'neil@example.ie",
                            "1@2.de"}) {
    CHECK_MESSAGE(!email_error(email), email);
  }
}

TEST_CASE("email refuses what is not a plain address") {
  for (const char* email : {"", "ann", "ann@", "@example.com", "ann@example", "ann@@example.com", "ann @example.com",
                            "ann@exa mple.com", ".ann@example.com", "ann.@example.com", "a..b@example.com",
                            "ann@-example.com", "ann@example-.com", "ann@example..com", "ann@.example.com",
                            "\"ann\"@example.com", "ann@[127.0.0.1]", "ann\n@example.com", "änn@example.com"}) {
    CHECK_MESSAGE(email_error(email).has_value(), email);
  }
}

TEST_CASE("email is at most 254 characters with a local part of at most 64") {
  std::string domain = std::string(60, 'd') + "." + std::string(60, 'e') + "." + std::string(60, 'f') + ".com";
  CHECK_FALSE(email_error(std::string(64, 'a') + "@example.com"));
  CHECK(email_error(std::string(65, 'a') + "@example.com"));
  std::string long_email = std::string(64, 'a') + "@" + domain + "." + std::string(10, 'g');
  REQUIRE(long_email.size() > 254);
  CHECK(*email_error(long_email) == "must be at most 254 characters");
}

TEST_CASE("email normalisation lower-cases for the unique key") {
  CHECK(normalize_email("Ann.Lee@Example.COM") == "ann.lee@example.com");
}

TEST_CASE("password is 10 to 128 characters, counted as characters not bytes") {
  CHECK(*password_error("123456789") == "must be at least 10 characters");
  CHECK_FALSE(password_error("1234567890"));
  CHECK_FALSE(password_error(std::string(128, 'x')));
  CHECK(*password_error(std::string(129, 'x')) == "must be at most 128 characters");
  // Five two-byte characters are five characters, not ten.
  CHECK(password_error("ééééé"));
  CHECK_FALSE(password_error("éééééééééé"));
}

TEST_CASE("name is 1 to 100 characters, not blank, without control characters") {
  CHECK_FALSE(name_error("Ann Lee"));
  CHECK_FALSE(name_error("Zoë"));
  CHECK(*name_error("") == "must not be empty");
  CHECK(*name_error("   ") == "must not be empty");
  CHECK(*name_error(std::string(101, 'n')) == "must be at most 100 characters");
  CHECK(*name_error("Ann\x01") == "must not contain control characters");
}

TEST_CASE("text may be empty only when allowed") {
  CHECK_FALSE(text_error("", 10, true));
  CHECK(text_error("", 10, false));
  CHECK(text_error("12345678901", 10, true));
}

TEST_CASE("phone takes digits with an optional leading plus and separators") {
  for (const char* phone : {"+49 30 1234567", "(555) 123-4567", "030.1234567", "12345"}) {
    CHECK_MESSAGE(!phone_error(phone), phone);
  }
  const std::string too_long(21, '1');
  for (const char* phone : {"1234", "49+301234567", "call me", "+49 30 12x4567", "+", too_long.c_str()}) {
    CHECK_MESSAGE(phone_error(phone).has_value(), phone);
  }
}
