// MIME building: headers, multipart/alternative, quoted-printable, header encoding.
#include <doctest/doctest.h>

#include <chrono>

#include "notification/src/mime.hpp"

using namespace emporium::notification;

TEST_CASE("a message with HTML is multipart/alternative with both parts") {
  MimeEnvelope envelope{"abc@example.com", std::chrono::system_clock::from_time_t(0), "BOUNDARY"};
  auto text = build_mime({"shop@example.com", "ann@example.com", "Hello", "Hi Ann\n", "<p>Hi Ann</p>"}, envelope);
  CHECK(text.find("From: shop@example.com\r\n") != std::string::npos);
  CHECK(text.find("To: ann@example.com\r\n") != std::string::npos);
  CHECK(text.find("Subject: Hello\r\n") != std::string::npos);
  CHECK(text.find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n") != std::string::npos);
  CHECK(text.find("Message-ID: <abc@example.com>\r\n") != std::string::npos);
  CHECK(text.find("Content-Type: multipart/alternative; boundary=\"BOUNDARY\"") != std::string::npos);
  auto plain = text.find("Content-Type: text/plain; charset=UTF-8");
  auto html = text.find("Content-Type: text/html; charset=UTF-8");
  REQUIRE(plain != std::string::npos);
  REQUIRE(html != std::string::npos);
  CHECK(plain < html);
  CHECK(text.find("--BOUNDARY--\r\n") != std::string::npos);
}

TEST_CASE("a text-only message has a single part") {
  MimeEnvelope envelope{"id@x", std::chrono::system_clock::now(), "B"};
  auto text = build_mime({"a@x", "b@x", "S", "body", ""}, envelope);
  CHECK(text.find("multipart") == std::string::npos);
  CHECK(text.find("Content-Type: text/plain; charset=UTF-8") != std::string::npos);
}

TEST_CASE("headers cannot be injected through the subject") {
  MimeEnvelope envelope{"id@x", std::chrono::system_clock::now(), "B"};
  auto text = build_mime({"a@x", "b@x", "Hi\r\nBcc: evil@x", "body", ""}, envelope);
  CHECK(text.find("\r\nBcc:") == std::string::npos);
}

TEST_CASE("quoted-printable escapes '=', non-ASCII, a leading dot and breaks long lines") {
  CHECK(quoted_printable("a=b") == "a=3Db");
  CHECK(quoted_printable("caf\xc3\xa9") == "caf=C3=A9");
  CHECK(quoted_printable("line1\nline2") == "line1\r\nline2");
  CHECK(quoted_printable(".\n") == "=2E\r\n");
  CHECK(quoted_printable("trailing \n") == "trailing=20\r\n");
  auto long_line = quoted_printable(std::string(200, 'x'));
  for (std::size_t start = 0, end; start < long_line.size(); start = end + 2) {
    end = long_line.find("\r\n", start);
    if (end == std::string::npos) end = long_line.size();
    CHECK(end - start <= 76);
  }
}

TEST_CASE("non-ASCII subjects become RFC 2047 encoded words") {
  CHECK(encode_header("Plain subject") == "Plain subject");
  CHECK(encode_header("Caf\xc3\xa9 ok") == "=?UTF-8?Q?Caf=C3=A9_ok?=");
  CHECK(domain_of("shop@example.com") == "example.com");
  CHECK(domain_of("nobody") == "localhost");
}
