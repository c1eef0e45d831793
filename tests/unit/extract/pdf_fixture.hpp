// Writes a one-page PDF encrypted with an owner password only (RC4 40-bit, revision 2 of
// the standard security handler), as a test fixture built at run time: anyone can open
// it with an empty user password, as PDF readers do.
#pragma once

#include <string>

namespace ububiko::test {

// A PDF whose page shows `text` (ASCII) and whose Info title is `title` (ASCII), both
// encrypted; the owner password is "proprietaire", the user password empty.
std::string owner_protected_pdf(const std::string& text, const std::string& title);

}  // namespace ububiko::test
