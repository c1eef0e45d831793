// User accounts for the web application (`ububiko serve`) and `ububiko user`: roles and what
// they allow, Argon2id passwords, the users of an archive (users.json) and the throttle of
// failed sign-ins. One include for all of it.
#pragma once

#include "accounts/password.hpp"
#include "accounts/roles.hpp"
#include "accounts/throttle.hpp"
#include "accounts/user_store.hpp"
