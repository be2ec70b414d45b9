#include "imdn/headers.hpp"

#include "imdn/error.hpp"

// cpim::token_length: the CPIM codec's own RFC 3862 Token scanner, so a
// Message-ID is exactly what the CPIM grammar calls a Token.
#include "cpim/header_values.hpp"

#include "sip/abnf/char_class.hpp"

#include <string>

namespace cpm::imdn {

using sip::abnf::make_parse_error;
using sip::abnf::parse_error;

namespace {

bool is_wsp(char c) noexcept { return c == ' ' || c == '\t'; }

/// Scans a Disposition-Notification value (RFC 5438 section 9 ABNF).
class disposition_scanner {
public:
    explicit disposition_scanner(std::string_view value) : text_(value) {}

    sip::abnf::result<disposition_request> run()
    {
        disposition_request r;
        skip_wsp();
        if (pos_ == text_.size())
            return r; // the list is optional
        for (;;) {
            std::size_t const start = pos_;
            std::size_t const n = cpim::token_length(text_.substr(pos_));
            if (n == 0)
                return fail("expected a notify-req such as positive-delivery");
            pos_ += n;
            notify_request item{text_.substr(start, n), {}};
            std::size_t const params_start = pos_;
            std::size_t params_end = pos_;
            for (;;) {
                skip_wsp();
                if (pos_ == text_.size() || text_[pos_] != ';')
                    break;
                ++pos_;
                skip_wsp();
                if (!param())
                    return error_;
                params_end = pos_;
            }
            item.params = text_.substr(params_start, params_end - params_start);
            if (sip::abnf::iequals(item.name, "positive-delivery"))
                r.positive_delivery = true;
            else if (sip::abnf::iequals(item.name, "negative-delivery"))
                r.negative_delivery = true;
            else if (sip::abnf::iequals(item.name, "processing"))
                r.processing = true;
            else if (sip::abnf::iequals(item.name, "display"))
                r.display = true;
            r.items.push_back(item);
            skip_wsp();
            if (pos_ == text_.size())
                return r;
            if (text_[pos_] != ',')
                return fail("expected ',' between notify-reqs");
            ++pos_;
            skip_wsp();
        }
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    parse_error error_;

    void skip_wsp()
    {
        while (pos_ < text_.size() && is_wsp(text_[pos_]))
            ++pos_;
    }

    parse_error fail(std::string sentence)
    {
        error_ = make_parse_error(text_, text_.data() + pos_, errc::bad_disposition_notification,
                                  "Disposition-Notification: " + std::move(sentence));
        return error_;
    }

    // disp-notify-params: name [ "=" ( Token / String ) ].
    bool param()
    {
        std::size_t const n = cpim::token_length(text_.substr(pos_));
        if (n == 0) {
            fail("expected a parameter name after ';'");
            return false;
        }
        pos_ += n;
        skip_wsp();
        if (pos_ == text_.size() || text_[pos_] != '=')
            return true;
        ++pos_;
        skip_wsp();
        if (pos_ < text_.size() && text_[pos_] == '"') {
            for (++pos_; pos_ < text_.size() && text_[pos_] != '"'; ++pos_)
                if (text_[pos_] == '\\')
                    ++pos_;
            if (pos_ >= text_.size()) {
                fail("unterminated quoted parameter value");
                return false;
            }
            ++pos_;
            return true;
        }
        std::size_t const v = cpim::token_length(text_.substr(pos_));
        if (v == 0) {
            fail("expected a parameter value after '='");
            return false;
        }
        pos_ += v;
        return true;
    }
};

/// @p e (relative to @p part) as an error of the whole message @p m.
parse_error rebase(cpim::message const& m, std::string_view part, parse_error const& e)
{
    return make_parse_error(m.text(), part.data() + e.offset, e.code, e.message);
}

} // namespace

sip::abnf::result<disposition_request> parse_disposition_notification(std::string_view value)
{
    return disposition_scanner(value).run();
}

sip::abnf::result<std::string_view> parse_message_id(std::string_view value)
{
    std::size_t const n = cpim::token_length(value);
    if (n == 0)
        return make_parse_error(value, value.data(), errc::bad_message_id,
                                "Message-ID: expected a Token (letters, digits and -_.!~*'+ ...)");
    if (n != value.size())
        return make_parse_error(value, value.data() + n, errc::bad_message_id,
                                "Message-ID: unexpected character after the Token");
    return value;
}

sip::abnf::result<imdn_headers> read_headers(cpim::message const& m)
{
    imdn_headers out;
    out.date_time = m.date_time();
    bool has_original_to = false;
    auto const address = [&](cpim::header const& h) -> sip::abnf::result<cpim::address> {
        auto a = cpim::parse_address(h.value, "imdn." + std::string(h.local_name));
        if (!a)
            return rebase(m, h.value, parse_error{make_error_code(errc::bad_address), a.error().offset, 1, 1,
                                                  a.error().message});
        return a;
    };
    for (auto const& h : m.headers()) {
        if (h.namespace_uri != header_namespace)
            continue;
        auto const duplicate = [&] {
            return make_parse_error(m.text(), h.name.data(), errc::duplicate_header,
                                    "imdn." + std::string(h.local_name) + " appears more than once");
        };
        if (h.local_name == "Message-ID") {
            if (!out.message_id.empty())
                return duplicate();
            auto id = parse_message_id(h.value);
            if (!id)
                return rebase(m, h.value, id.error());
            out.message_id = *id;
        } else if (h.local_name == "Disposition-Notification") {
            auto r = parse_disposition_notification(h.value);
            if (!r)
                return rebase(m, h.value, r.error());
            out.requested.positive_delivery |= r->positive_delivery;
            out.requested.negative_delivery |= r->negative_delivery;
            out.requested.processing |= r->processing;
            out.requested.display |= r->display;
            out.requested.items.insert(out.requested.items.end(), r->items.begin(), r->items.end());
        } else if (h.local_name == "Original-To") {
            if (has_original_to)
                return duplicate();
            auto a = address(h);
            if (!a)
                return a.error();
            out.original_to = *a;
            has_original_to = true;
        } else if (h.local_name == "IMDN-Record-Route" || h.local_name == "IMDN-Route") {
            auto a = address(h);
            if (!a)
                return a.error();
            (h.local_name == "IMDN-Route" ? out.route : out.record_route).push_back(*a);
        }
    }
    return out;
}

} // namespace cpm::imdn
