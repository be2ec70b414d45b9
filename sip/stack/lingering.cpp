#include "sip/stack/lingering.hpp"

#include <algorithm>
#include <initializer_list>

namespace cpm::sip::stack {

namespace {

// Copies @p parts into one heap block (stable when the block's owner
// moves) and points each view at its copy.
std::unique_ptr<char[]> own(std::initializer_list<std::string_view*> parts)
{
    std::size_t total = 0;
    for (auto const* p : parts)
        total += p->size();
    auto bytes = std::make_unique<char[]>(total == 0 ? 1 : total);
    char* at = bytes.get();
    for (auto* p : parts) {
        std::copy(p->begin(), p->end(), at);
        *p = std::string_view(at, p->size());
        at += p->size();
    }
    return bytes;
}

} // namespace

transaction::server_key lingering_transactions::add_server(transaction::server_key const& key,
                                                           std::string_view response, peer reply_to)
{
    // RFC 3261 keys compare method, branch and sent-by only (key.hpp).
    transaction::server_key owned;
    owned.method = key.method;
    owned.branch = key.branch;
    owned.host = key.host;
    owned.port = key.port;
    auto bytes = own({&owned.method, &owned.branch, &owned.host});
    auto [it, inserted] =
        servers_.try_emplace(owned, lingering_server{std::move(bytes), std::string(response), std::move(reply_to)});
    return it->first;
}

lingering_server const* lingering_transactions::find_server(transaction::server_key const& key) const noexcept
{
    auto it = servers_.find(key);
    return it == servers_.end() ? nullptr : &it->second;
}

transaction::client_key lingering_transactions::add_client(transaction::client_key const& key)
{
    transaction::client_key owned = key;
    auto bytes = own({&owned.branch, &owned.method});
    auto [it, inserted] = clients_.try_emplace(owned, std::move(bytes));
    return it->first;
}

} // namespace cpm::sip::stack
