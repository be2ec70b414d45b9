// Fuzz target: cpm::sip::message::parse on arbitrary bytes, in datagram and
// in stream mode.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input;
// - an error points inside the input and says something;
// - a parsed message keeps every view inside its own buffer, also after the
//   message is moved, and the header index agrees with find()/count().
// Each view is also read byte by byte, so AddressSanitizer reports a view
// into freed or foreign memory even where the range check cannot see it.

#include "sip/message.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace {

using cpm::sip::message;
using cpm::sip::abnf::param_list;
using cpm::sip::abnf::text_buffer;

void require(bool condition, char const* property)
{
    if (!condition) {
        std::fprintf(stderr, "sip_message: property violated: %s\n", property);
        std::abort();
    }
}

/// Checks that views lie inside one buffer and reads every byte of them.
class view_checker {
public:
    explicit view_checker(std::string_view buffer) : buffer_(buffer) {}

    void operator()(std::string_view view, char const* what)
    {
        if (view.empty())
            return;
        auto const begin = buffer_.data();
        auto const end = begin + buffer_.size();
        require(view.data() >= begin && view.data() + view.size() <= end, what);
        for (char c : view)
            sum_ += static_cast<unsigned char>(c);
    }

    void operator()(param_list const& params, char const* what)
    {
        (*this)(params.raw(), what);
        for (auto const& p : params) {
            (*this)(p.name, what);
            (*this)(p.value, what);
        }
    }

    /// Keeps the reads from being optimised away.
    std::uint64_t sum() const noexcept { return sum_; }

private:
    std::string_view buffer_;
    std::uint64_t sum_ = 0;
};

volatile std::uint64_t sink;

void check_error(cpm::sip::abnf::parse_error const& e, std::size_t size)
{
    require(e.offset <= size, "error offset inside the input");
    require(e.line >= 1 && e.column >= 1, "error line and column are 1-based");
    require(!e.message.empty(), "error has a sentence");
    require(static_cast<bool>(e.code), "error has a code");
}

void check_views(message const& m)
{
    view_checker check(m.buffer().view());
    check(m.text(), "text");
    check(m.start_line(), "start line");
    check(m.method_text(), "method");
    check(m.request_uri(), "Request-URI");
    check(m.version(), "version");
    check(m.reason(), "reason phrase");
    check(m.body(), "body");

    for (auto const& h : m.headers()) {
        check(h.name, "header name");
        check(h.value, "header value");
        check(h.line, "header line");
        require(h.name.data() >= h.line.data() && h.value.data() + h.value.size() <= h.line.data() + h.line.size(),
                "header name and value lie inside the header line");
        require(m.find(h.name) != nullptr, "find(name) finds every indexed header");
        if (h.id != cpm::sip::header_id::unknown) {
            auto const* first = m.find(h.id);
            require(first != nullptr && first <= &h, "find(id) returns the first field with that id");
            require(m.count(h.id) >= 1, "count(id) counts every indexed header");
        }
    }

    auto const& via = m.top_via();
    check(via.protocol_name, "Via protocol");
    check(via.protocol_version, "Via version");
    check(via.transport, "Via transport");
    check(via.host, "Via host");
    check(via.params, "Via params");
    check(via.branch, "Via branch");
    check(via.received, "Via received");
    check(via.maddr, "Via maddr");
    check(via.raw, "Via");
    for (auto const* na : {&m.from(), &m.to()}) {
        check(na->display_name, "display name");
        check(na->uri, "From/To URI");
        check(na->params, "From/To params");
        check(na->tag, "From/To tag");
        check(na->raw, "From/To");
    }
    check(m.call_id(), "Call-ID");
    check(m.cseq().method_text, "CSeq method");
    if (auto const& ct = m.content_type()) {
        check(ct->type, "Content-Type type");
        check(ct->subtype, "Content-Type subtype");
        check(ct->params, "Content-Type params");
        check(ct->raw, "Content-Type");
    }
    sink = check.sum();
}

void check_input(std::string_view input, cpm::sip::parse_options const& options)
{
    auto parsed = message::parse(text_buffer(input), options);
    if (!parsed) {
        check_error(parsed.error(), input.size());
        return;
    }
    check_views(*parsed);
    // The buffer is heap-stable: views stay valid in the moved-to message.
    message const moved = std::move(*parsed);
    check_views(moved);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    cpm::sip::parse_options options;
    options.datagram = true;
    check_input(input, options);
    options.datagram = false;
    check_input(input, options);
    return 0;
}
