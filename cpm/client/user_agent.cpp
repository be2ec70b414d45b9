#include "cpm/client/user_agent.hpp"

#include "sip/builder.hpp"

namespace cpm::client {

namespace st = sip::stack;

std::optional<sip::auth::client_secret> user_agent::secret::credentials(std::string_view)
{
    if (account_.user.empty())
        return std::nullopt;
    return sip::auth::client_secret{account_.user, account_.password};
}

user_agent::user_agent(account a)
    : account_(std::move(a)), secret_(account_), digest_(secret_), registration_(account_, digest_),
      pager_(account_, digest_)
{
}

void user_agent::handle(st::core& c, st::action const& a)
{
    if (registration_.handle(c, a)) {
        // RFC 3608 6: requests use the Service-Route of the last 2xx.
        pager_.set_route(registration_.state() == registration_state::registered ? registration_.service_route()
                                                                                   : std::vector<std::string>{});
        return;
    }
    if (pager_.handle(c, a))
        return;
    auto const* r = std::get_if<st::request_received>(&a);
    if (r == nullptr)
        return;
    sip::message const& m = *r->request;
    std::string out;
    sip::response_options o;
    std::string const tag = c.new_tag();
    o.to_tag = tag;
    bool const options = m.method() == sip::method::options;
    auto b = sip::make_response(out, m, options ? 200 : 405, options ? "OK" : "Method Not Allowed", o);
    b.header(sip::header_id::allow, allowed_methods);
    if (options) {
        b.header(sip::header_id::accept, accepted_types);
        b.header(sip::header_id::user_agent, user_agent_text);
    }
    b.finish();
    (void)c.respond(r->transaction, out);
}

} // namespace cpm::client
