#include "sip/dialog/error.hpp"

#include <string>

namespace cpm::sip::dialog {

namespace {
class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.sip.dialog"; }
    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::not_a_dialog_message: return "message cannot create a dialog";
        case errc::missing_contact: return "Contact missing";
        case errc::bad_contact: return "Contact: expected one URI";
        case errc::bad_record_route: return "Record-Route malformed";
        case errc::wrong_dialog: return "message belongs to another dialog";
        case errc::terminated: return "dialog terminated";
        }
        return "unknown dialog error";
    }
};
} // namespace

boost::system::error_category const& dialog_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace cpm::sip::dialog
