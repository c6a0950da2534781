#pragma once
// Pure MIME: an email as RFC 5322 text, multipart/alternative with a text
// and an HTML part (quoted-printable, UTF-8), Message-ID and Date.
#include <chrono>
#include <string>
#include <string_view>

namespace emporium::notification {

struct MailMessage {
  std::string from;  // bare address
  std::string to;    // bare address
  std::string subject;
  std::string text_body;
  std::string html_body;  // empty: a single text/plain part
};

struct MimeEnvelope {
  std::string message_id;  // without angle brackets, e.g. "uuid@localhost"
  std::chrono::system_clock::time_point date;
  std::string boundary;
};

// RFC 5322 date, e.g. "Sat, 21 Nov 2026 14:00:00 +0000".
std::string rfc5322_date(std::chrono::system_clock::time_point when);
// RFC 2047 encoded word when `text` is not plain printable ASCII.
std::string encode_header(std::string_view text);
// Quoted-printable with CRLF line ends and soft breaks at 76 columns.
std::string quoted_printable(std::string_view text);
// The domain of an address ("shop@example.com" -> "example.com"; "localhost" without '@').
std::string domain_of(std::string_view address);

std::string build_mime(const MailMessage& message, const MimeEnvelope& envelope);

}  // namespace emporium::notification
