#include "cpm/docs/error.hpp"

#include <string>

namespace cpm::docs {

namespace {
class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.docs"; }
    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::bad_root: return "wrong document element";
        case errc::unexpected_element: return "element not allowed here";
        case errc::unexpected_attribute: return "attribute not allowed here";
        case errc::missing_attribute: return "required attribute missing";
        case errc::bad_attribute_value: return "attribute value out of its type";
        case errc::unexpected_text: return "text in element-only content";
        case errc::bad_value: return "element value out of its type";
        case errc::missing_element: return "required element missing";
        case errc::missing_version: return "notification without a version";
        case errc::entity_mismatch: return "notification about another resource";
        case errc::state_limit: return "merged state over its limits";
        }
        return "unknown document error";
    }
};
} // namespace

boost::system::error_category const& docs_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace cpm::docs
