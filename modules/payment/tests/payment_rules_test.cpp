// Card rules, webhook signatures and refund arithmetic, without I/O.
#include <doctest/doctest.h>

#include "emporium/payment/payments.hpp"
#include "payment/src/cards.hpp"
#include "payment/src/refund_rules.hpp"
#include "payment/src/test_provider.hpp"
#include "payment/src/webhook_signature.hpp"

using namespace emporium;
using namespace emporium::payment;

namespace {

CardDetails card(std::string number) { return {std::move(number), 12, 2030, "123"}; }

bool has_field(const std::vector<kernel::FieldError>& errors, const std::string& field) {
  for (const auto& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("payment: the Luhn check accepts the test cards and rejects a changed digit") {
  CHECK(luhn_valid("4242424242424242"));
  CHECK(luhn_valid("4000000000000002"));
  CHECK(luhn_valid("4000000000009995"));
  CHECK(luhn_valid("4000000000003220"));
  CHECK(luhn_valid("5555555555554444"));
  CHECK(luhn_valid("378282246310005"));
  CHECK_FALSE(luhn_valid("4242424242424241"));
  CHECK_FALSE(luhn_valid("42424242"));  // too short
  CHECK_FALSE(luhn_valid(""));
  CHECK_FALSE(luhn_valid("4242a24242424242"));
}

TEST_CASE("payment: card digits drop spaces and dashes, refuse anything else") {
  CHECK(card_digits("4242 4242-4242 4242") == "4242424242424242");
  CHECK(card_digits("4242x4242") == "");
}

TEST_CASE("payment: the brand comes from the number's prefix") {
  CHECK(card_brand("4242424242424242") == "visa");
  CHECK(card_brand("5555555555554444") == "mastercard");
  CHECK(card_brand("2223003122003222") == "mastercard");
  CHECK(card_brand("378282246310005") == "amex");
  CHECK(card_brand("6011111111111117") == "discover");
  CHECK(card_brand("3566002020360505") == "jcb");
  CHECK(card_brand("36227206271667") == "diners");
  CHECK(card_brand("6200000000000005") == "unionpay");
  CHECK(card_brand("9999999999999995") == "unknown");
  CHECK(card_last4("4242424242424242") == "4242");
}

TEST_CASE("payment: card_errors names each bad field under payment.card") {
  CHECK(card_errors(card("4242424242424242")).empty());
  CHECK(card_errors(card("4242 4242 4242 4242")).empty());
  auto bad_number = card_errors(card("4242424242424241"));
  REQUIRE(bad_number.size() == 1);
  CHECK(bad_number[0].field == "payment.card.number");

  CardDetails expired{"4242424242424242", 1, 2020, "12"};
  auto errors = card_errors(expired);
  CHECK(has_field(errors, "payment.card.exp_year"));
  CHECK(has_field(errors, "payment.card.cvc"));
  CHECK(has_field(card_errors({"4242424242424242", 13, 2099, "123"}), "payment.card.exp_month"));
  CHECK(card_errors({"4242424242424242", 12, 30, "1234"}).empty());  // two-digit year: 2030
}

TEST_CASE("payment: the test provider's outcome by card") {
  CHECK(test_card_outcome("4242424242424242", true) == "captured");
  CHECK(test_card_outcome("4242424242424242", false) == "authorized");
  CHECK(test_card_outcome("4000000000000002", true) == "declined");
  CHECK(test_card_outcome("4000000000009995", true) == "insufficient_funds");
  CHECK(test_card_outcome("4000000000003220", true) == "pending");
  CHECK(test_card_outcome("5555555555554444", true) == "captured");
}

TEST_CASE("payment: the signature header is t=<unix>,v1=<hex>") {
  auto parsed = parse_signature_header("t=1700000000, v1=ABCdef01,v0=zz,v1=00");
  REQUIRE(parsed);
  CHECK(parsed->timestamp == 1700000000);
  CHECK(parsed->v1 == std::vector<std::string>{"abcdef01", "00"});
  CHECK_FALSE(parse_signature_header(""));
  CHECK_FALSE(parse_signature_header("v1=abcd"));
  CHECK_FALSE(parse_signature_header("t=1700000000"));
  CHECK_FALSE(parse_signature_header("t=17x,v1=abcd"));
  CHECK_FALSE(parse_signature_header("t=1,t=2,v1=abcd"));
  CHECK_FALSE(parse_signature_header("t=1,v1=nothex"));
  CHECK_FALSE(parse_signature_header("garbage"));
}

TEST_CASE("payment: the signature is the HMAC-SHA256 of <t>.<body> (the worked example of MODULE.md, computed with Python hmac)") {
  CHECK(webhook_signature("whsec_test", 1700000000, R"({"id":"evt_1"})") ==
        "c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925");
}

TEST_CASE("payment: a webhook signature is verified with five minutes' tolerance either way") {
  const std::string secret = "whsec_test";
  const std::string body = R"({"id":"evt_1"})";
  const std::int64_t t = 1700000000;
  auto header = "t=" + std::to_string(t) + ",v1=" + webhook_signature(secret, t, body);
  CHECK(verify_webhook_signature(header, body, secret, t));
  CHECK(verify_webhook_signature(header, body, secret, t + 300));
  CHECK(verify_webhook_signature(header, body, secret, t - 300));
  CHECK(verify_webhook_signature(header, body, secret, t + 301).error().code == "stale_webhook");
  CHECK(verify_webhook_signature(header, body, secret, t - 301).error().code == "stale_webhook");
  CHECK(verify_webhook_signature(std::nullopt, body, secret, t).error().code == "invalid_signature");
  CHECK(verify_webhook_signature(header, body + " ", secret, t).error().code == "invalid_signature");
  CHECK(verify_webhook_signature(header, body, "other", t).error().code == "invalid_signature");
  CHECK(verify_webhook_signature("t=1700000000,v1=00", body, secret, t).error().code == "invalid_signature");
  // A correct signature among rotated ones is enough.
  CHECK(verify_webhook_signature("t=1700000000,v1=00," + header.substr(13), body, secret, t));
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "ab"));
}

TEST_CASE("payment: webhook events need an id, a known type and a payment id") {
  auto event = parse_webhook_event(R"({"id":"evt_1","type":"refund.succeeded","data":{"payment_id":"pay_1","amount":12.5}})");
  REQUIRE(event);
  CHECK(event->id == "evt_1");
  CHECK(event->payment_id == "pay_1");
  CHECK(event->amount_minor == 1250);
  CHECK(parse_webhook_event("nope").error().code == "malformed_json");
  CHECK(parse_webhook_event(R"({"type":"payment.succeeded","data":{"payment_id":"p"}})").error().code ==
        "invalid_webhook");
  CHECK(parse_webhook_event(R"({"id":"e","type":"payment.exploded","data":{"payment_id":"p"}})").error().code ==
        "invalid_webhook");
  CHECK(parse_webhook_event(R"({"id":"e","type":"payment.failed","data":{}})").error().code == "invalid_webhook");
  CHECK(parse_webhook_event(R"({"id":"e","type":"refund.succeeded","data":{"payment_id":"p","amount":-1}})")
            .error()
            .code == "invalid_webhook");
}

TEST_CASE("payment: refunds add up to at most what was captured") {
  CHECK(refund_amount(10000, 0, std::nullopt).value() == 10000);
  CHECK(refund_amount(10000, 2500, std::nullopt).value() == 7500);
  CHECK(refund_amount(10000, 2500, 7500).value() == 7500);
  CHECK(refund_amount(10000, 2500, 7501).error().code == "refund_exceeds_captured");
  CHECK(refund_amount(10000, 6000, 6000).error().code == "refund_exceeds_captured");
  CHECK(refund_amount(10000, 10000, std::nullopt).error().code == "invalid_payment_state");
  CHECK(refund_amount(10000, 0, 0).error().code == "invalid_amount");
  CHECK(refund_amount(0, 0, 1).error().code == "invalid_payment_state");
  CHECK(status_after_refund(10000, 2500) == "partially_refunded");
  CHECK(status_after_refund(10000, 10000) == "refunded");
  CHECK(refundable_status("captured"));
  CHECK(refundable_status("partially_refunded"));
  CHECK_FALSE(refundable_status("authorized"));
  CHECK_FALSE(refundable_status("refunded"));
}
