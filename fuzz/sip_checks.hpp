#pragma once
// Property checks shared by the SIP fuzz targets (sip_message, sip_uri,
// sip_framer): every view a parser hands out lies inside the text it was
// given, and is read byte by byte so AddressSanitizer reports a view into
// freed or foreign memory even where the range check cannot see it. The
// typed values of sip/decode.hpp are walked completely, iterators and
// on-request copies included, so their code runs under the fuzzer too.

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"
#include "sip/decode.hpp"
#include "sip/message.hpp"
#include "sip/uri.hpp"

#include "require.hpp"

#include <boost/container/small_vector.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cpm::fuzz {

/// A parse error must point inside the @p size bytes parsed and say something.
void check_error(sip::abnf::parse_error const& e, std::size_t size);

/// Checks that views lie inside one buffer and reads every byte of them.
class view_checker {
public:
    explicit view_checker(std::string_view buffer) noexcept : buffer_(buffer) {}
    ~view_checker();
    view_checker(view_checker const&) = delete;
    view_checker& operator=(view_checker const&) = delete;

    void operator()(std::string_view view, char const* what);
    void operator()(sip::abnf::param const& p, char const* what);
    void operator()(sip::abnf::param_list const& params, char const* what);
    void operator()(sip::uri const& u);
    void operator()(sip::via const& v);
    void operator()(sip::name_addr const& na);
    void operator()(sip::media_type const& mt);
    void operator()(sip::token_list const& list);
    void operator()(sip::feature_params const& features);

    /// Every alternative of sip::typed_value.
    void operator()(sip::typed_value const& value);

    /// The list alternatives (via_list, name_addr_list, ...).
    template <class T, std::size_t N>
    void operator()(boost::container::small_vector<T, N> const& items)
    {
        for (auto const& item : items)
            (*this)(item);
    }

    // The alternatives of sip::typed_value not listed above.
    void operator()(std::monostate) {}
    void operator()(std::uint32_t) {}
    void operator()(std::string_view view) { (*this)(view, "typed string"); }
    void operator()(sip::cseq const& c);
    void operator()(sip::contact const& c);
    void operator()(sip::contact_list const& list);
    void operator()(sip::referred_by const& r);
    void operator()(sip::session_expires const& s);
    void operator()(sip::retry_after const& r);
    void operator()(sip::timestamp const& t);
    void operator()(sip::sip_date const& d);
    void operator()(sip::mime_version const&) {}
    void operator()(sip::rack const& r);
    void operator()(sip::refer_sub const& r);
    void operator()(sip::accept_range const& a);
    void operator()(sip::accept_value const& a);
    void operator()(sip::caller_preference const& c);
    void operator()(sip::request_disposition const&) {}
    void operator()(sip::event const& e);
    void operator()(sip::subscription_state const& s);
    void operator()(sip::product_list const& list);
    void operator()(sip::warning const& w);
    void operator()(sip::info_uri const& i);
    void operator()(sip::content_disposition const& c);
    void operator()(sip::reason const& r);
    void operator()(sip::identity const& i);
    void operator()(sip::challenge const& c);
    void operator()(sip::credentials const& c);
    void operator()(sip::authentication_info const& a);

private:
    /// A URI held in a header (name-addr, Call-Info, ...): parsed too, so
    /// the URI grammar sees every URI shape the header grammars accept.
    void nested_uri(std::string_view text);

    std::string_view buffer_;
    std::uint64_t sum_ = 0;
};

/// Every view of @p m inside its buffer, the header index consistent with
/// find()/count(), and every header value decoded through sip::decode():
/// views inside the value, errors naming the header, the first Via decoded
/// like the hot path's top_via().
void check_message(sip::message const& m);

} // namespace cpm::fuzz
