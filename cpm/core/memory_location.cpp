#include "cpm/core/memory_location.hpp"

#include "cpm/core/gruu.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <shared_mutex>
#include <system_error>

namespace cpm::core {

namespace {

// RFC 3327 Path values are kept joined by '\n' (no header value holds a
// bare LF: folds were unfolded or are CRLF followed by whitespace).
constexpr char path_separator = '\n';

wall_clock::time_point time_of(wall_clock::rep r) { return wall_clock::time_point(wall_clock::duration(r)); }

// 16.5 order: q descending, then the most recently registered first.
bool before(binding const& a, binding const& b)
{
    if (a.q != b.q)
        return a.q > b.q;
    return a.registered > b.registered;
}

} // namespace

memory_location::rw_lock::rw_lock()
{
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    int const rc = pthread_rwlock_init(&lock_, &attr);
    pthread_rwlockattr_destroy(&attr);
    if (rc != 0)
        throw std::system_error(rc, std::generic_category(), "pthread_rwlock_init");
}

memory_location::rw_lock::~rw_lock() { pthread_rwlock_destroy(&lock_); }
void memory_location::rw_lock::lock() { pthread_rwlock_wrlock(&lock_); }
void memory_location::rw_lock::unlock() { pthread_rwlock_unlock(&lock_); }
void memory_location::rw_lock::lock_shared() { pthread_rwlock_rdlock(&lock_); }
void memory_location::rw_lock::unlock_shared() { pthread_rwlock_unlock(&lock_); }

std::string_view memory_location::record::get(field f) const noexcept
{
    std::uint32_t const begin = f == 0 ? 0 : ends[f - 1];
    return {text.get() + begin, ends[f] - begin};
}

memory_location::record memory_location::record::pack(binding const& b)
{
    std::size_t path_size = 0;
    for (auto const& p : b.path)
        path_size += p.size() + 1;
    std::string_view const parts[] = {b.contact, b.instance, b.call_id, b.feature_params, b.temp_gruu,
                                      b.received.address};
    std::size_t total = path_size;
    for (auto const& p : parts)
        total += p.size();
    record r;
    r.text = std::make_unique_for_overwrite<char[]>(total);
    std::size_t at = 0;
    for (std::size_t i = 0; i < std::size(parts); ++i) {
        std::memcpy(r.text.get() + at, parts[i].data(), parts[i].size());
        at += parts[i].size();
        r.ends[i] = static_cast<std::uint32_t>(at);
    }
    for (auto const& p : b.path) {
        if (at != r.ends[address])
            r.text[at++] = path_separator;
        std::memcpy(r.text.get() + at, p.data(), p.size());
        at += p.size();
    }
    r.ends[path] = static_cast<std::uint32_t>(at);
    r.expires = b.expires.time_since_epoch().count();
    r.registered = b.registered.time_since_epoch().count();
    r.cseq = b.cseq;
    r.reg_id = b.reg_id;
    r.q = b.q;
    r.port = b.received.port;
    r.kind = b.received.kind;
    return r;
}

binding memory_location::record::unpack() const
{
    binding b;
    b.contact = get(contact);
    b.instance = get(instance);
    b.call_id = get(call_id);
    b.feature_params = get(feature_params);
    b.temp_gruu = get(temp_gruu);
    b.received.address = get(address);
    b.received.port = port;
    b.received.kind = kind;
    std::string_view rest = get(path);
    while (!rest.empty()) {
        auto const end = rest.find(path_separator);
        b.path.emplace_back(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
    b.expires = time_of(expires);
    b.registered = time_of(registered);
    b.cseq = cseq;
    b.reg_id = reg_id;
    b.q = q;
    return b;
}

std::vector<binding> memory_location::live(std::vector<record> const& records, wall_clock::time_point now) const
{
    std::vector<binding> out;
    auto const now_rep = now.time_since_epoch().count();
    out.reserve(records.size());
    for (auto const& r : records)
        if (r.expires > now_rep)
            out.push_back(r.unpack());
    std::stable_sort(out.begin(), out.end(), before);
    return out;
}

std::vector<binding> memory_location::lookup(std::string_view aor, wall_clock::time_point now) const
{
    std::shared_lock lock(mutex_);
    auto it = aors_.find(aor);
    return it == aors_.end() ? std::vector<binding>{} : live(it->second, now);
}

void memory_location::unindex(std::vector<record> const& records)
{
    for (auto const& r : records)
        if (auto const t = r.get(record::temp_gruu); !t.empty())
            if (auto it = temp_gruus_.find(temp_gruu_key(t)); it != temp_gruus_.end())
                temp_gruus_.erase(it);
}

void memory_location::index(aor_map::iterator it)
{
    for (auto const& r : it->second)
        if (auto const t = r.get(record::temp_gruu); !t.empty())
            temp_gruus_.insert_or_assign(std::string(temp_gruu_key(t)), &it->first);
}

void memory_location::replace(std::string_view aor, std::vector<record> packed)
{
    auto it = aors_.find(aor);
    if (it != aors_.end()) {
        unindex(it->second);
        bindings_ -= it->second.size();
        if (packed.empty()) {
            aors_.erase(it);
            return;
        }
        it->second = std::move(packed);
    } else {
        if (packed.empty())
            return;
        it = aors_.emplace(std::string(aor), std::move(packed)).first;
    }
    bindings_ += it->second.size();
    index(it);
}

void memory_location::store(std::string_view aor, std::vector<binding> bindings)
{
    std::vector<record> packed;
    packed.reserve(bindings.size());
    for (auto const& b : bindings)
        packed.push_back(record::pack(b));
    std::unique_lock lock(mutex_);
    replace(aor, std::move(packed));
}

bool memory_location::update(std::string_view aor, wall_clock::time_point now,
                             std::function<bool(std::vector<binding>&)> const& change)
{
    std::unique_lock lock(mutex_);
    auto it = aors_.find(aor);
    auto bindings = it == aors_.end() ? std::vector<binding>{} : live(it->second, now);
    if (!change(bindings))
        return false;
    std::vector<record> packed;
    packed.reserve(bindings.size());
    for (auto const& b : bindings)
        packed.push_back(record::pack(b));
    replace(aor, std::move(packed));
    return true;
}

std::optional<std::pair<std::string, binding>> memory_location::find_temp_gruu(std::string_view temp_gruu_user,
                                                                               wall_clock::time_point now) const
{
    auto const key = temp_gruu_key(temp_gruu_user);
    std::shared_lock lock(mutex_);
    auto idx = temp_gruus_.find(key);
    if (idx == temp_gruus_.end())
        return std::nullopt;
    auto it = aors_.find(*idx->second);
    if (it == aors_.end())
        return std::nullopt;
    auto const now_rep = now.time_since_epoch().count();
    for (auto const& r : it->second)
        if (r.expires > now_rep && temp_gruu_key(r.get(record::temp_gruu)) == key)
            return std::pair{it->first, r.unpack()};
    return std::nullopt;
}

std::size_t memory_location::aor_count() const
{
    std::shared_lock lock(mutex_);
    return aors_.size();
}

std::size_t memory_location::binding_count() const
{
    std::shared_lock lock(mutex_);
    return bindings_;
}

std::size_t memory_location::purge(wall_clock::time_point now)
{
    auto const now_rep = now.time_since_epoch().count();
    std::size_t removed = 0;
    std::unique_lock lock(mutex_);
    for (auto it = aors_.begin(); it != aors_.end();) {
        auto& records = it->second;
        auto const live = std::partition(records.begin(), records.end(),
                                         [&](record const& r) { return r.expires > now_rep; });
        if (live != records.end()) {
            std::vector<record> dead(std::make_move_iterator(live), std::make_move_iterator(records.end()));
            records.erase(live, records.end());
            unindex(dead);
            removed += dead.size();
            // Flows of one instance (RFC 5626 reg-id) share a key: keep the live ones indexed.
            index(it);
        }
        if (records.empty())
            it = aors_.erase(it);
        else
            ++it;
    }
    bindings_ -= removed;
    return removed;
}

} // namespace cpm::core
