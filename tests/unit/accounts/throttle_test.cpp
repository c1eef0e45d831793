#include <catch2/catch.hpp>

#include <thread>

#include "accounts/throttle.hpp"

using namespace ububiko::accounts;
using namespace std::chrono_literals;

namespace {

// A clock that moves only when told.
struct FakeClock {
    std::chrono::steady_clock::time_point now{std::chrono::hours(1000)};
    LoginThrottle::Clock fn() {
        return [this] { return now; };
    }
};

}  // namespace

TEST_CASE("four failures are free, the fifth asks 30 s, each further one twice as long") {
    FakeClock clock;
    LoginThrottle t(clock.fn());
    for (int i = 0; i < 4; ++i) {
        CHECK(t.delay_for("jean", "10.0.0.1") == 0s);
        t.record_failure("jean", "10.0.0.1");
        clock.now += 1s;
    }
    CHECK(t.delay_for("jean", "10.0.0.1") == 0s);
    t.record_failure("jean", "10.0.0.1");
    CHECK(t.delay_for("jean", "10.0.0.1") == 30s);
    clock.now += 10s;
    CHECK(t.delay_for("jean", "10.0.0.1") == 20s);
    clock.now += 500ms;
    CHECK(t.delay_for("jean", "10.0.0.1") == 20s);  // rounded up
    clock.now += 20s;
    CHECK(t.delay_for("jean", "10.0.0.1") == 0s);

    std::chrono::seconds expected = 60s;
    for (int i = 0; i < 6; ++i) {
        t.record_failure("jean", "10.0.0.1");
        INFO("failure " << 6 + i);
        CHECK(t.delay_for("jean", "10.0.0.1") == std::min<std::chrono::seconds>(expected, 15min));
        expected *= 2;
        clock.now += 5s;
    }
    // At the cap: 15 minutes however many failures.
    for (int i = 0; i < 30; ++i) t.record_failure("jean", "10.0.0.1");
    CHECK(t.delay_for("jean", "10.0.0.1") == 15min);
}

TEST_CASE("failures count for the name from anywhere and for the address whatever the name") {
    FakeClock clock;
    LoginThrottle t(clock.fn());
    for (int i = 0; i < 5; ++i) t.record_failure("jean", "10.0.0." + std::to_string(i));
    CHECK(t.delay_for("jean", "192.168.1.9") == 30s);  // the name is under attack
    CHECK(t.delay_for("JEAN", "192.168.1.9") == 30s);  // names without case
    CHECK(t.delay_for("aline", "10.0.0.1") == 0s);

    for (int i = 0; i < 5; ++i) t.record_failure("nom" + std::to_string(i), "10.9.9.9");
    CHECK(t.delay_for("aline", "10.9.9.9") == 30s);  // the address is guessing names
    CHECK(t.delay_for("aline", "10.9.9.8") == 0s);
}

TEST_CASE("a success forgets the name's failures, not the address's") {
    FakeClock clock;
    LoginThrottle t(clock.fn());
    for (int i = 0; i < 6; ++i) t.record_failure("jean", "10.0.0.1");
    CHECK(t.delay_for("jean", "10.0.0.2") == 60s);
    t.record_success("Jean", "10.0.0.2");
    CHECK(t.delay_for("jean", "10.0.0.2") == 0s);
    CHECK(t.delay_for("aline", "10.0.0.1") == 60s);
}

TEST_CASE("failures older than 15 minutes are forgotten") {
    FakeClock clock;
    LoginThrottle t(clock.fn());
    for (int i = 0; i < 4; ++i) t.record_failure("jean", "10.0.0.1");
    clock.now += 15min;
    t.record_failure("jean", "10.0.0.1");  // the fifth, but the others have gone
    CHECK(t.delay_for("jean", "10.0.0.1") == 0s);
    for (int i = 0; i < 3; ++i) t.record_failure("jean", "10.0.0.1");
    CHECK(t.delay_for("jean", "10.0.0.1") == 0s);
    t.record_failure("jean", "10.0.0.1");
    CHECK(t.delay_for("jean", "10.0.0.1") == 30s);
    clock.now += 16min;
    CHECK(t.delay_for("jean", "10.0.0.1") == 0s);
}

TEST_CASE("the throttle is shared by threads") {
    FakeClock clock;  // not moved while the threads run
    LoginThrottle t(clock.fn());
    std::vector<std::thread> threads;
    for (int n = 0; n < 4; ++n)
        threads.emplace_back([&, n] {
            for (int i = 0; i < 200; ++i) {
                t.record_failure("u" + std::to_string(i % 50), "10.0." + std::to_string(n) + ".1");
                (void)t.delay_for("jean", "10.0.0.1");
                if (i % 10 == 0) t.record_success("u" + std::to_string(i % 50), "");
            }
        });
    for (auto& th : threads) th.join();
    CHECK(t.delay_for("x", "10.0.3.1") == 15min);  // 200 failures from that address
}
