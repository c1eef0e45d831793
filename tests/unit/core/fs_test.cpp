#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/sha256.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;

TEST_CASE("copy_and_hash copies byte for byte and hashes") {
    test::TempDir dir;
    std::string data(200000, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7);
    std::string from = dir.write("in.bin", data);
    CopyResult r = copy_and_hash(from, dir / "out.bin");
    CHECK(r.size == data.size());
    CHECK(r.sha256 == sha256_hex(data));
    CHECK(read_file(dir / "out.bin") == data);
    CHECK(sha256_file(dir / "out.bin") == r.sha256);
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // The destination must not exist.
    CHECK_THROWS_AS(copy_and_hash(from, dir / "out.bin"), Error);
}

TEST_CASE("missing files give not_found naming the path") {
    try {
        read_file("/nonexistent/x.pdf");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::not_found);
        CHECK_THAT(e.what(), Catch::Contains("/nonexistent/x.pdf"));
    }
}

TEST_CASE("atomic replacement and durable append") {
    test::TempDir dir;
    replace_file_atomically(dir / "a.txt", "one");
    replace_file_atomically(dir / "a.txt", "two");
    CHECK(read_file(dir / "a.txt") == "two");
    CHECK_FALSE(exists(dir / "a.txt.tmp"));
    append_durably(dir / "j", "x\n");
    append_durably(dir / "j", "y\n");
    CHECK(read_file(dir / "j") == "x\ny\n");
}

TEST_CASE("an owner-only file is 0600 even where a wider leftover was") {
    test::TempDir dir;
    // A leftover .tmp from an interrupted write, readable by all: its mode must not survive.
    std::string leftover = dir.write("secret.json.tmp", "old");
    REQUIRE(::chmod(leftover.c_str(), 0644) == 0);
    replace_file_atomically(dir / "secret.json", "{}", FileMode::owner_only);
    struct stat st {};
    REQUIRE(::stat((dir / "secret.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
    CHECK(read_file(dir / "secret.json") == "{}");
    CHECK_FALSE(exists(dir / "secret.json.tmp"));
}

TEST_CASE("read_file reads whole files and prefixes without a buffer beyond the file") {
    test::TempDir dir;
    std::string text(5000, 'a');
    for (std::size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>('a' + i % 26);
    std::string path = dir.write("t.txt", text);
    std::string whole = read_file(path);
    CHECK(whole == text);
    // Sized from the file: no 64 KB step zeroed to learn where it ends.
    CHECK(whole.capacity() < 2 * text.size());
    CHECK(read_file_prefix(path, 100) == text.substr(0, 100));
    CHECK(read_file_prefix(path, text.size()) == text);
    std::string prefix = read_file_prefix(path, 24 * 1024);
    CHECK(prefix == text);
    CHECK(prefix.capacity() < 2 * text.size());
    // A prefix extended from the same descriptor: the rest follows, nothing read twice.
    {
        UniqueFd fd = open_for_reading(path);
        std::string part;
        read_more(fd, path, part, 1000);
        CHECK(part == text.substr(0, 1000));
        read_more(fd, path, part, 3000);
        CHECK(part == text.substr(0, 3000));
        read_more(fd, path, part, 1 << 20);
        CHECK(part == text);
    }
    CHECK(read_file(dir.write("empty.txt", "")).empty());

    // A pipe says nothing of its length: it is read to its end in steps.
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::string big(300000, 'x');
    std::thread writer([&] {
        std::size_t done = 0;
        while (done < big.size()) {
            ssize_t n = ::write(fds[1], big.data() + done, big.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        ::close(fds[1]);
    });
    std::string piped = read_file("/proc/self/fd/" + std::to_string(fds[0]));
    writer.join();
    ::close(fds[0]);
    CHECK(piped == big);
}

TEST_CASE("system errors are said in the user's language, French verbs elided") {
    set_language(Language::fr);
    CHECK(system_error_text(ENOSPC) == "disque plein : libérez de la place puis recommencez");
    CHECK(system_error_text(EACCES) == "permission refusée");
    UniqueFd read_only(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    try {
        write_all(read_only, "/dev/null", "x");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::io);
        CHECK_THAT(std::string(e.what()), Catch::StartsWith("impossible d'écrire '/dev/null' : "));
    }
    set_language(Language::en);
    CHECK(system_error_text(ENOSPC) == "No space left on device");
    try {
        write_all(read_only, "/dev/null", "x");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK_THAT(std::string(e.what()), Catch::StartsWith("cannot write '/dev/null' : "));
    }
    set_language(Language::fr);
}
