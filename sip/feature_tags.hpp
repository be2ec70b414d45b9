#pragma once
/// @file
/// Media feature parameters (RFC 3840 section 9) as Contact, Accept-Contact,
/// Reject-Contact, Refer-To and Feature-Caps carry them:
///
///     ;audio ;methods="INVITE,BYE" ;+sip.instance="<urn:uuid:...>"
///     ;+g.3gpp.icsi-ref="urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg"
///
/// A feature-param is enc-feature-tag [EQUAL LDQUOT (tag-value-list /
/// string-value) RDQUOT]; enc-feature-tag is a base tag (audio, video, ...,
/// standing for "sip.<name>") or "+" ftag-name. Views only: %-escapes and
/// quoted-pairs are undone on request.

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::sip {

/// The 3GPP service / application reference tags (3GPP TS 24.229 7.9A):
/// URL-encoded URN lists such as the CPM ICSIs of shared/spec/DECISIONS.md.
inline constexpr std::string_view icsi_ref_tag = "+g.3gpp.icsi-ref";
inline constexpr std::string_view iari_ref_tag = "+g.3gpp.iari-ref";

/// One tag-value = ["!"] (token-nobang / boolean / numeric).
struct tag_value {
    enum class type : std::uint8_t { token, boolean, numeric };
    std::string_view text; ///< without the '!': "INVITE", "TRUE", "#>=3", "urn%3Aurn-7%3A..."
    bool negated = false;  ///< written with a leading '!'
    type kind = type::token;

    /// The text with %-escapes decoded (copies): "urn:urn-7:3gpp-service...";
    /// a '%' without two hex digits after it is kept as it is.
    std::string decoded() const;
    /// Whether the %-decoded text equals @p plain, without copying.
    bool decodes_to(std::string_view plain) const noexcept;
};

/// The tag-value-list inside a feature parameter's quotes ("a,b,!c");
/// iteration re-scans the validated text and never allocates.
class tag_value_list {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = tag_value;
        using difference_type = std::ptrdiff_t;
        using pointer = tag_value const*;
        using reference = tag_value const&;

        iterator() = default;
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept;
        iterator operator++(int) noexcept { auto t = *this; ++*this; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.at_ == b.at_; }

    private:
        friend class tag_value_list;
        iterator(char const* begin, char const* end) noexcept : next_(begin), end_(end) { ++*this; }
        char const* at_ = nullptr;   // start of the current item (nullptr at end)
        char const* next_ = nullptr; // start of the following item (nullptr when none)
        char const* end_ = nullptr;
        tag_value current_{};
    };

    tag_value_list() = default;
    /// Wraps a list that parse_feature_param() validated.
    explicit tag_value_list(std::string_view validated) noexcept : raw_(validated) {}

    iterator begin() const noexcept { return raw_.empty() ? end() : iterator(raw_.data(), raw_.data() + raw_.size()); }
    iterator end() const noexcept { return iterator(); }
    bool empty() const noexcept { return raw_.empty(); }
    /// A non-negated item whose text equals @p token, ignoring case (RFC
    /// 3840 matches tokens case-insensitively).
    bool contains(std::string_view token) const noexcept;
    std::string_view raw() const noexcept { return raw_; }

private:
    std::string_view raw_;
};

/// Which form a feature parameter's value has.
enum class feature_value_kind : std::uint8_t {
    boolean,  ///< no value: the feature is present and TRUE ("audio", "+g.oma.sip-im")
    tag_list, ///< "tag-value,tag-value" (tokens, TRUE/FALSE, "#" numerics, each maybe "!")
    string,   ///< "<string-value>"
};

/// One feature parameter.
struct feature_param {
    std::string_view name;  ///< as written: "audio", "+sip.instance", "+g.3gpp.icsi-ref"
    feature_value_kind kind = feature_value_kind::boolean;
    /// tag_list: the list inside the quotes; string: the text between '<'
    /// and '>' (quoted-pairs kept); boolean: empty.
    std::string_view value;

    /// Written without '+': a base tag, which stands for "sip.<name>".
    bool is_base_tag() const noexcept { return name.empty() || name.front() != '+'; }
    /// The name without its '+'.
    std::string_view tag() const noexcept { return is_base_tag() ? name : name.substr(1); }
    /// The items of a tag_list value (empty for the other kinds).
    tag_value_list values() const noexcept;
    /// Case-insensitive name match; @p written as on the wire ("+sip.instance").
    bool is(std::string_view written) const noexcept;
};

/// RFC 3840 section 9: true for a base tag (audio, automata, class, duplex,
/// data, control, mobility, description, events, priority, methods,
/// schemes, application, video, language, type, isfocus, actor, text,
/// extensions) or "+" ftag-name (ALPHA *(ALPHA / DIGIT / "!" / "'" / "." /
/// "-" / "%")). Case-insensitive, as parameter names are.
bool is_feature_tag_name(std::string_view name) noexcept;

/// Validates @p p, a parameter whose name is_feature_tag_name(), as a
/// feature-param. Errors point into @p text (the value @p p lies in) and
/// name @p header. An unquoted token value is read as a one-item list: it
/// is a valid generic-param, and some agents write "audio=TRUE".
abnf::result<feature_param> parse_feature_param(std::string_view text, abnf::param const& p,
                                                std::string_view header);

/// The view of a parameter that parse_feature_param() accepted.
feature_param feature_param_of(abnf::param const& p) noexcept;

/// The feature parameters among a validated parameter list (the other
/// parameters are skipped); iteration never allocates.
class feature_params {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = feature_param;
        using difference_type = std::ptrdiff_t;
        using pointer = feature_param const*;
        using reference = feature_param const&;

        iterator() = default;
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++();
        iterator operator++(int) { auto t = *this; ++*this; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.it_ == b.it_; }

    private:
        friend class feature_params;
        explicit iterator(abnf::param_list::iterator it) : it_(it) { settle(); }
        void settle();
        abnf::param_list::iterator it_{};
        feature_param current_{};
    };

    feature_params() = default;
    /// The feature parameters of @p params (validated by its header's parser).
    explicit feature_params(abnf::param_list params) noexcept : params_(params) {}

    iterator begin() const { return iterator(params_.begin()); }
    iterator end() const { return iterator(params_.end()); }
    bool empty() const { return begin() == end(); }
    /// The parameter written @p name (case-insensitive), if present.
    std::optional<feature_param> find(std::string_view name) const;
    bool contains(std::string_view name) const { return find(name).has_value(); }

    /// Whether +g.3gpp.icsi-ref lists @p urn (compared after %-decoding):
    /// has_icsi("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg").
    bool has_icsi(std::string_view urn) const;
    /// Whether +g.3gpp.iari-ref lists @p urn (compared after %-decoding).
    bool has_iari(std::string_view urn) const;
    /// Every URN of +g.3gpp.icsi-ref, %-decoded (copies), in order.
    std::vector<std::string> icsi_urns() const;

private:
    abnf::param_list params_;
};

} // namespace cpm::sip
