// Unpacking zip and tar batches safely (issue 3): written by the unpacking work.
#pragma once
