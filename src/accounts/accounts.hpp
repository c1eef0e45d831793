// User accounts for the web application (`ububiko serve`): roles and what they allow,
// Argon2id passwords and the throttle of failed sign-ins. One include for all of it.
#pragma once

#include "accounts/password.hpp"
#include "accounts/roles.hpp"
#include "accounts/throttle.hpp"
