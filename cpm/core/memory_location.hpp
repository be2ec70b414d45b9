#pragma once
/// @file
/// The in-memory location service: every binding in one hash table keyed
/// by the canonical AOR, guarded by a writer-preferring reader-writer lock (the
/// proxies of every worker read at once; a REGISTER writes).
///
/// Memory: issue 6 asks for 100,000 registrations in under 100 MiB
/// resident, so a stored binding is compact: its strings packed into one
/// heap block with 32-bit lengths, the rest in fixed-size fields (about
/// 80 bytes plus the text); lookup() unpacks copies.

#include "cpm/core/location.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <pthread.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cpm::core {

class memory_location final : public location_service {
public:
    std::vector<binding> lookup(std::string_view aor, wall_clock::time_point now) const override;
    void store(std::string_view aor, std::vector<binding> bindings) override;
    bool update(std::string_view aor, wall_clock::time_point now,
                std::function<bool(std::vector<binding>&)> const& change) override;
    std::optional<std::pair<std::string, binding>> find_temp_gruu(std::string_view temp_gruu_user,
                                                                  wall_clock::time_point now) const override;
    std::size_t aor_count() const override;
    std::size_t binding_count() const override;

    /// Removes the bindings expired at @p now (and the AORs left without
    /// one); returns how many bindings went. Call it now and then (a
    /// timer), since lookup() only hides expired bindings.
    std::size_t purge(wall_clock::time_point now);

private:
    // One binding packed: the strings of `binding` back to back in `text`.
    struct record {
        enum field : std::uint8_t { contact, instance, call_id, feature_params, temp_gruu, address, path, count };
        std::unique_ptr<char[]> text;
        std::array<std::uint32_t, count> ends{}; // end offset of each field in text
        wall_clock::rep expires = 0;
        wall_clock::rep registered = 0;
        std::uint32_t cseq = 0;
        std::uint32_t reg_id = 0;
        std::uint16_t q = 1000;
        std::uint16_t port = 0;
        sip::transport_kind kind = sip::transport_kind::udp;

        std::string_view get(field f) const noexcept;
        static record pack(binding const& b);
        binding unpack() const;
    };

    struct string_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    using aor_map = std::unordered_map<std::string, std::vector<record>, string_hash, std::equal_to<>>;

    std::vector<binding> live(std::vector<record> const& records, wall_clock::time_point now) const;
    void replace(std::string_view aor, std::vector<record> packed); // under the unique lock
    void unindex(std::vector<record> const& records);
    void index(aor_map::iterator it);

    // A reader-writer lock that prefers writers: glibc's default (and so
    // std::shared_mutex) lets a steady stream of proxy lookups starve a
    // REGISTER's write.
    class rw_lock {
    public:
        rw_lock();
        ~rw_lock();
        rw_lock(rw_lock const&) = delete;
        rw_lock& operator=(rw_lock const&) = delete;
        void lock();
        void unlock();
        void lock_shared();
        void unlock_shared();

    private:
        pthread_rwlock_t lock_;
    };

    mutable rw_lock mutex_;
    aor_map aors_;
    // temp_gruu_key() of each binding's temp-gruu -> the AOR (a key of aors_: node keys do not move)
    std::unordered_map<std::string, std::string const*, string_hash, std::equal_to<>> temp_gruus_;
    std::size_t bindings_ = 0;
};

} // namespace cpm::core
